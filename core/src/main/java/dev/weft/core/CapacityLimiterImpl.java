package dev.weft.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link CapacityLimiter}.
 *
 * <h2>Implementation notes</h2>
 * {@code borrowers} (by identity, each with the sequence number of its grant, for statistics),
 * {@code total} and {@code waiters}, each node tagged with its borrower, all guarded by
 * {@code guard}. A token is handed over by adding the waiter's
 * borrower to {@code borrowers} and granting it in one step, so a new borrower never overtakes a
 * waiter. A waiter cancelled after its grant keeps the token (a grant that won over a cancellation completes the call: {@link Waiter}, ADR 0011).
 */
final class CapacityLimiterImpl implements CapacityLimiter {
    private final ReentrantLock guard = new ReentrantLock();
    private final WaitQueue waiters = new WaitQueue(guard, this);
    private final Map<Object, Long> borrowers = new IdentityHashMap<>();
    private long grants;
    private int total;

    private CapacityLimiterImpl(int total) {
        this.total = total;
    }

    static CapacityLimiterImpl create(int totalTokens) {
        return new CapacityLimiterImpl(checkTotal(totalTokens, "CapacityLimiter.create"));
    }

    private static int checkTotal(int totalTokens, String call) {
        if (totalTokens < 1) {
            throw new IllegalArgumentException(call + "(" + totalTokens + "): a limiter needs at least 1 token; "
                    + "to stop all borrowing for a while, hold the tokens yourself");
        }
        return totalTokens;
    }

    @Override
    public void acquire() {
        acquireFor(Waiter.currentHolder(), "acquire()");
    }

    @Override
    public void acquireOnBehalfOf(Object borrower) {
        acquireFor(Checks.notNull(borrower, "CapacityLimiter.acquireOnBehalfOf: the borrower"), "acquireOnBehalfOf()");
    }

    private void acquireFor(Object borrower, String call) {
        TaskImpl<?> task = Waiter.checkpoint("CapacityLimiter.", call);
        WaitQueue.Node node;
        guard.lock();
        try {
            if (takeIfFree(borrower, call)) {
                return;
            }
            if (waiters.hasWaitingTag(borrower)) {
                throw new IllegalStateException("CapacityLimiter." + call + ": " + Waiter.describe(borrower)
                        + " is already waiting for a token in another call, and a borrower holds at most one");
            }
            node = waiters.enqueue(new Waiter(task), null, borrower);
        } finally {
            guard.unlock();
        }
        node.waiter.awaitGrant(node);
    }

    @Override
    public boolean tryAcquire() {
        return tryFor(Waiter.currentHolder(), "tryAcquire()");
    }

    @Override
    public boolean tryAcquireOnBehalfOf(Object borrower) {
        return tryFor(Checks.notNull(borrower, "CapacityLimiter.tryAcquireOnBehalfOf: the borrower"),
                "tryAcquireOnBehalfOf()");
    }

    private boolean tryFor(Object borrower, String call) {
        guard.lock();
        try {
            return takeIfFree(borrower, call);
        } finally {
            guard.unlock();
        }
    }

    // guarded by guard
    private boolean takeIfFree(Object borrower, String call) {
        if (borrowers.containsKey(borrower)) {
            throw new IllegalStateException("CapacityLimiter." + call + ": " + Waiter.describe(borrower)
                    + " already holds one of this limiter's tokens, and a borrower holds at most one; release it "
                    + "first, or borrow on behalf of another object (acquireOnBehalfOf)");
        }
        if (borrowers.size() < total && waiters.isEmpty()) {
            lend(borrower);
            return true;
        }
        return false;
    }

    private void lend(Object borrower) {
        borrowers.put(borrower, grants++);
    }

    @Override
    public void release() {
        releaseFor(Waiter.currentHolder(), "release()");
    }

    @Override
    public void releaseOnBehalfOf(Object borrower) {
        releaseFor(Checks.notNull(borrower, "CapacityLimiter.releaseOnBehalfOf: the borrower"), "releaseOnBehalfOf()");
    }

    private void releaseFor(Object borrower, String call) {
        guard.lock();
        try {
            if (!borrowers.containsKey(borrower)) {
                throw new IllegalStateException("CapacityLimiter." + call + ": " + Waiter.describe(borrower)
                        + " holds none of this limiter's tokens (" + borrowers.size() + " borrowed, by "
                        + describeBorrowers() + "); only the borrower may release its token");
            }
            giveBack(borrower);
        } finally {
            guard.unlock();
        }
    }

    // guarded by guard
    private void giveBack(Object borrower) {
        borrowers.remove(borrower);
        lendToWaiters();
    }

    // guarded by guard
    private void lendToWaiters() {
        while (borrowers.size() < total) {
            WaitQueue.Node next = waiters.grantFirst();
            if (next == null) {
                return;
            }
            lend(next.tag);
        }
    }

    // guarded by guard
    private List<Object> borrowersInGrantOrder() {
        List<Object> list = new ArrayList<>(borrowers.keySet());
        list.sort(Comparator.comparing(borrowers::get));
        return list;
    }

    private String describeBorrowers() {
        if (borrowers.isEmpty()) {
            return "nobody";
        }
        StringBuilder sb = new StringBuilder();
        for (Object b : borrowersInGrantOrder()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(Waiter.describe(b));
        }
        return sb.toString();
    }

    @Override
    public int totalTokens() {
        guard.lock();
        try {
            return total;
        } finally {
            guard.unlock();
        }
    }

    @Override
    public void setTotalTokens(int totalTokens) {
        checkTotal(totalTokens, "CapacityLimiter.setTotalTokens");
        guard.lock();
        try {
            total = totalTokens;
            lendToWaiters();
        } finally {
            guard.unlock();
        }
    }

    @Override
    public int borrowedTokens() {
        guard.lock();
        try {
            return borrowers.size();
        } finally {
            guard.unlock();
        }
    }

    @Override
    public int availableTokens() {
        guard.lock();
        try {
            return Math.max(0, total - borrowers.size());
        } finally {
            guard.unlock();
        }
    }

    @Override
    public Statistics statistics() {
        guard.lock();
        try {
            return new Statistics(borrowers.size(), total, List.copyOf(borrowersInGrantOrder()), waiters.size());
        } finally {
            guard.unlock();
        }
    }

    @Override
    public String toString() {
        Statistics s = statistics();
        return "CapacityLimiter[" + s.borrowedTokens() + "/" + s.totalTokens() + " borrowed, waiters=" + s.waiters() + "]";
    }
}

package dev.weft.core;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Lock}.
 *
 * <h2>Implementation notes</h2>
 * {@code owner} is the holding task (or plain thread), null when free; {@code waiters} are the
 * acquirers in line. Both are guarded by {@code guard}. Release hands ownership straight to the
 * first waiter ({@code owner} becomes that waiter's holder before it wakes), so the lock is
 * never free while someone waits: that is what makes it FIFO. A waiter cancelled after the
 * hand-off holds the lock (a grant that won over a cancellation completes the call: {@link Waiter}, ADR 0011).
 */
final class LockImpl implements Lock {
    private final ReentrantLock guard = new ReentrantLock();
    private final WaitQueue waiters = new WaitQueue(guard, this);
    private Object owner; // guarded by guard

    private LockImpl() {}

    static LockImpl create() {
        return new LockImpl();
    }

    @Override
    public void acquire() {
        TaskImpl<?> task = Waiter.checkpoint("Lock.acquire()");
        WaitQueue.Node node;
        guard.lock();
        try {
            if (takeIfFree(Waiter.holderFor(task), "acquire()")) {
                return;
            }
            node = waiters.enqueue(task);
        } finally {
            guard.unlock();
        }
        node.waiter.awaitGrant(node);
    }

    /**
     * Acquires ignoring cancellation: for a {@link ConditionImpl} taking its lock back after a
     * wait, which must hold the lock again however the wait ended. The caller does not hold it.
     */
    void acquireUninterruptibly() {
        TaskImpl<?> task = Context.currentTaskOrNull();
        WaitQueue.Node node;
        guard.lock();
        try {
            if (takeIfFree(Waiter.holderFor(task), "acquire()")) {
                return;
            }
            node = waiters.enqueue(task);
        } finally {
            guard.unlock();
        }
        node.waiter.awaitUninterruptibly();
    }

    @Override
    public boolean tryAcquire() {
        guard.lock();
        try {
            return takeIfFree(Waiter.currentHolder(), "tryAcquire()");
        } finally {
            guard.unlock();
        }
    }

    // guarded by guard
    private boolean takeIfFree(Object me, String call) {
        if (owner == null) {
            assert waiters.isEmpty() : "a free lock has no waiters";
            owner = me;
            return true;
        }
        if (owner == me) {
            throw new IllegalStateException("Lock." + call + ": " + Waiter.describe(me) + " already holds this lock, "
                    + "and Weft's Lock is not reentrant (waiting would deadlock); release it first, or keep track "
                    + "of whether the lock is held (isHeldByCurrentTask())");
        }
        return false;
    }

    @Override
    public void release() {
        Object me = Waiter.currentHolder();
        guard.lock();
        try {
            if (owner == null) {
                throw new IllegalStateException("Lock.release() by " + Waiter.describe(me) + ", but the lock is not held: "
                        + "call release() once for each acquire() that succeeded");
            }
            if (owner != me) {
                throw new IllegalStateException("Lock.release() by " + Waiter.describe(me) + ", but the lock is held by "
                        + Waiter.describe(owner) + ": only the holder may release it; use a Semaphore to signal "
                        + "between tasks");
            }
            handOver();
        } finally {
            guard.unlock();
        }
    }

    /** Ownership to the first waiter, or free. Guarded by guard. */
    private void handOver() {
        WaitQueue.Node next = waiters.grantFirst();
        owner = next == null ? null : next.waiter.holder();
    }

    @Override
    public boolean isLocked() {
        guard.lock();
        try {
            return owner != null;
        } finally {
            guard.unlock();
        }
    }

    @Override
    public boolean isHeldByCurrentTask() {
        return isHeldBy(Waiter.currentHolder());
    }

    boolean isHeldBy(Object holder) {
        guard.lock();
        try {
            return owner == holder;
        } finally {
            guard.unlock();
        }
    }

    /** The holding task or thread, or null: for a dump's wait-for graph. */
    Object holder() {
        guard.lock();
        try {
            return owner;
        } finally {
            guard.unlock();
        }
    }

    @Override
    public Statistics statistics() {
        guard.lock();
        try {
            Optional<Task<?>> task = owner instanceof TaskImpl<?> t ? Optional.of(t) : Optional.empty();
            return new Statistics(owner != null, task, waiters.size());
        } finally {
            guard.unlock();
        }
    }

    @Override
    public String toString() {
        Statistics s = statistics();
        return "Lock[" + (s.locked() ? "locked" : "unlocked") + ", waiters=" + s.waiters() + "]";
    }
}

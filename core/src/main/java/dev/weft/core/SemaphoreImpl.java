package dev.weft.core;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Semaphore}, and the engine of {@link BoundedSemaphoreImpl}.
 *
 * <h2>Implementation notes</h2>
 * {@code available} and {@code waiters}, guarded by {@code guard}. A release with waiters hands
 * its permit to the first one (the count does not change), so {@code available > 0} only when
 * nobody waits: a new acquirer never overtakes a waiter. A waiter cancelled after the hand-off
 * keeps the permit (a grant that won over a cancellation completes the call: {@link Waiter}, ADR 0011).
 */
final class SemaphoreImpl implements Semaphore {
    private final ReentrantLock guard = new ReentrantLock();
    private final WaitQueue waiters = new WaitQueue(guard, this);
    private final int bound;
    private final String kind;
    private int available; // guarded by guard

    private SemaphoreImpl(int permits, int bound, String kind) {
        this.available = permits;
        this.bound = bound;
        this.kind = kind;
    }

    static SemaphoreImpl create(int permits) {
        return new SemaphoreImpl(checkPermits(permits, "Semaphore"), Integer.MAX_VALUE, "Semaphore");
    }

    static SemaphoreImpl bounded(int permits) {
        return new SemaphoreImpl(checkPermits(permits, "BoundedSemaphore"), permits, "BoundedSemaphore");
    }

    private static int checkPermits(int permits, String kind) {
        if (permits < 0) {
            throw new IllegalArgumentException(kind + ".create(" + permits + "): the number of permits is negative; "
                    + "pass 0 or more (0: every acquire() waits for a release())");
        }
        return permits;
    }

    int bound() {
        return bound;
    }

    @Override
    public void acquire() {
        TaskImpl<?> task = Waiter.checkpoint(kind, ".acquire()");
        WaitQueue.Node node;
        guard.lock();
        try {
            if (available > 0) {
                available--;
                return;
            }
            node = waiters.enqueue(task);
        } finally {
            guard.unlock();
        }
        node.waiter.awaitGrant(node);
    }

    @Override
    public boolean tryAcquire() {
        guard.lock();
        try {
            if (available > 0) {
                available--;
                return true;
            }
            return false;
        } finally {
            guard.unlock();
        }
    }

    @Override
    public void release() {
        guard.lock();
        try {
            releaseLocked();
        } finally {
            guard.unlock();
        }
    }

    private void releaseLocked() {
        if (waiters.grantFirst() != null) {
            return;
        }
        if (available >= bound) {
            throw new IllegalStateException(bound == Integer.MAX_VALUE
                    ? kind + ".release(): the semaphore already holds Integer.MAX_VALUE permits"
                    : kind + ".release(): released more times than acquired (the bound is " + bound + " and all "
                            + available + " permits are already free); call release() once per acquire() that "
                            + "succeeded");
        }
        available++;
    }

    @Override
    public int available() {
        guard.lock();
        try {
            return available;
        } finally {
            guard.unlock();
        }
    }

    @Override
    public Statistics statistics() {
        guard.lock();
        try {
            return new Statistics(available, waiters.size());
        } finally {
            guard.unlock();
        }
    }

    @Override
    public String toString() {
        Statistics s = statistics();
        return kind + "[available=" + s.available() + ", waiters=" + s.waiters() + "]";
    }
}

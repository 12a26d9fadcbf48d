package dev.weft.core;

import java.util.Optional;

/**
 * A mutual-exclusion lock for tasks (asyncio's and Trio's {@code Lock}): one task at a time
 * holds it, the others wait in line.
 *
 * <pre>{@code
 * Lock lock = Lock.create();
 * lock.acquire();
 * try {
 *     balance = balance + amount;     // no other task in here
 * } finally {
 *     lock.release();
 * }
 * }</pre>
 *
 * <h2>Ownership</h2>
 * The lock is held by the task that acquired it (a thread that is not a task holds it as
 * itself). Only the holder may {@link #release()} it: a release by anyone else, or of a lock
 * nobody holds, throws {@link IllegalStateException} naming the holder. The lock is
 * <b>not reentrant</b>: a holder that calls {@link #acquire()} again would wait for itself
 * forever, so the call throws {@link IllegalStateException} instead.
 *
 * <h2>Fairness</h2>
 * Waiters get the lock first come, first served. {@link #release()} hands the lock straight to
 * the longest waiter, so a task that releases and re-acquires at once goes to the back of the
 * line and cannot starve the others.
 *
 * <h2>Cancellation</h2>
 * {@link #acquire()} is a cancellation point, even when the lock is free. A cancelled or timed
 * out waiter ({@link Weft#failAfter}, {@link Weft#moveOnAfter}) leaves the line without taking the
 * lock; if the lock was handed to it first, {@code acquire} returns holding it and the
 * cancellation is raised at the next blocking call (release it in {@code finally}, as always).
 * {@link #release()} never blocks and is not a cancellation point, so it is safe in
 * {@code finally}.
 *
 * <h2>Thread-safety</h2>
 * All methods may be called from any task or thread; blocking calls from a loop callback throw
 * {@link IllegalStateException}.
 */
public sealed interface Lock permits LockImpl {

    /** A new lock, not held. */
    static Lock create() {
        return LockImpl.create();
    }

    /**
     * Waits until the lock is free and takes it. A cancellation point.
     *
     * @throws IllegalStateException if the calling task already holds it (the lock is not reentrant)
     * @throws CancelledException if the task is cancelled before the lock is handed to it
     */
    void acquire();

    /**
     * Takes the lock if it is free; never blocks.
     *
     * @return true if the caller now holds the lock
     * @throws IllegalStateException if the calling task already holds it
     */
    boolean tryAcquire();

    /**
     * Releases the lock, handing it to the longest waiter if there is one. Never blocks.
     *
     * @throws IllegalStateException if the lock is not held, or is held by another task
     */
    void release();

    /** True while some task holds the lock. */
    boolean isLocked();

    /** True if the calling task (or thread) holds the lock. */
    boolean isHeldByCurrentTask();

    /** A snapshot of the lock's state, for debugging and tests. */
    Statistics statistics();

    /**
     * What {@link #statistics()} returns.
     *
     * @param locked whether some task holds the lock
     * @param owner the holding task; empty when the lock is free or held by a thread that is not
     *     a task
     * @param waiters how many tasks wait to acquire it
     */
    record Statistics(boolean locked, Optional<Task<?>> owner, int waiters) {}
}

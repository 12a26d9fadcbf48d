package dev.weft.core;

/**
 * A counter of permits (asyncio's and Trio's {@code Semaphore}): {@link #acquire()} takes one,
 * waiting while there is none; {@link #release()} gives one back.
 *
 * <pre>{@code
 * Semaphore connections = Semaphore.create(10);   // at most 10 requests at once
 * connections.acquire();
 * try {
 *     fetch(url);
 * } finally {
 *     connections.release();
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 * Permits are not owned: any task may release, and {@code release()} may raise the count above
 * the initial value. Use {@link BoundedSemaphore} to make that an error, or
 * {@link CapacityLimiter} to track which task holds each permit. Waiters are served first come,
 * first served: {@code release()} hands the permit straight to the longest waiter, so a new
 * arrival cannot take it first.
 *
 * <h2>Cancellation</h2>
 * {@link #acquire()} is a cancellation point, even when a permit is free. A cancelled or timed
 * out waiter leaves the line without taking a permit; if a permit was handed to it first,
 * {@code acquire} returns holding it and the cancellation is raised at the next blocking call. {@code release()} never blocks and is safe in {@code finally}.
 *
 * <h2>Thread-safety</h2>
 * All methods may be called from any task or thread; {@code tryAcquire()} and {@code release()}
 * also from loop callbacks.
 */
public sealed interface Semaphore permits SemaphoreImpl, BoundedSemaphore {

    /**
     * A semaphore with {@code permits} permits.
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    static Semaphore create(int permits) {
        return SemaphoreImpl.create(permits);
    }

    /**
     * Takes a permit, waiting until one is free. A cancellation point.
     *
     * @throws CancelledException if the task is cancelled first
     */
    void acquire();

    /** Takes a permit if one is free; never blocks. */
    boolean tryAcquire();

    /**
     * Gives a permit back, to the longest waiter if there is one. Never blocks.
     *
     * @throws IllegalStateException for a {@link BoundedSemaphore}, if this would exceed its bound
     */
    void release();

    /** How many permits are free now. */
    int available();

    /** A snapshot of the semaphore's state. */
    Statistics statistics();

    /**
     * What {@link #statistics()} returns.
     *
     * @param available free permits
     * @param waiters tasks waiting for one
     */
    record Statistics(int available, int waiters) {}
}

package dev.weft.core;

/**
 * A {@link Semaphore} that cannot hold more permits than it started with (asyncio's
 * {@code BoundedSemaphore}): a {@link #release()} without a matching {@link #acquire()} throws
 * {@link IllegalStateException} instead of silently raising the limit. Use it when permits stand
 * for a fixed resource, such as a pool of connections.
 *
 * <pre>{@code
 * BoundedSemaphore pool = BoundedSemaphore.create(4);
 * pool.acquire();
 * try { use(); } finally { pool.release(); }
 * pool.release();          // IllegalStateException: released more times than acquired
 * }</pre>
 *
 * Everything else, cancellation and fairness included, is as for {@link Semaphore}.
 */
public sealed interface BoundedSemaphore extends Semaphore permits BoundedSemaphoreImpl {

    /**
     * A bounded semaphore with {@code permits} permits, which is also its bound.
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    static BoundedSemaphore create(int permits) {
        return BoundedSemaphoreImpl.create(permits);
    }

    /** The most permits the semaphore may hold: the initial count. */
    int bound();
}

package dev.weft.core;

/**
 * Thrown by {@link Barrier#await()} when the barrier was {@linkplain Barrier#abort() aborted}
 * (to the waiting tasks and to every later {@code await()} until {@link Barrier#reset()}), or
 * {@linkplain Barrier#reset() reset} while tasks waited (asyncio's {@code BrokenBarrierError}).
 * Named differently from {@code java.util.concurrent.BrokenBarrierException}, which is checked
 * and belongs to {@code CyclicBarrier}.
 */
public class BarrierBrokenException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what broke the barrier and what to do */
    public BarrierBrokenException(String message) {
        super(message);
    }
}

package dev.weft.core;

/**
 * A callback scheduled with {@link Loop#callSoon(Runnable)}, {@link Loop#callLater} or
 * {@link Loop#callAt}. Thread-safe.
 */
public sealed interface Handle permits CallbackHandle {

    /**
     * Stops the callback from running if it has not started yet. Idempotent.
     *
     * @return true if this call cancelled it; false if it already ran, is running, or was
     *     cancelled before
     */
    boolean cancel();

    /** True once {@link #cancel()} stopped the callback. */
    boolean isCancelled();

    /** When the callback is due, on the loop's clock ({@link Loop#time()}). */
    long when();
}

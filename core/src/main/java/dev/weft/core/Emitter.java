package dev.weft.core;

/**
 * How a {@link Producer}'s body hands items to its consumer (the {@code yield} of an async
 * generator).
 *
 * <h2>Cancellation</h2>
 * {@link #emit(Object)} is a cancellation point: when the consumer closes the producer, the
 * {@code emit} the producer waits in throws {@link CancelledException}; let it propagate so the
 * body's finally blocks run and the producer ends.
 *
 * <h2>Thread-safety</h2>
 * Only the producer's own task may call {@code emit}; other callers get
 * {@link IllegalStateException}.
 *
 * @param <T> the item type
 */
public sealed interface Emitter<T> permits EmitterImpl {

    /**
     * Hands {@code item} to the consumer, then waits until the consumer asks for the next item.
     * A cancellation point.
     *
     * @throws CancelledException if the consumer closed the producer, or the task is cancelled
     * @throws NullPointerException if {@code item} is null
     * @throws IllegalStateException if called from a task other than the producer's
     */
    void emit(T item);
}

package dev.weft.core;

import java.util.Iterator;

/**
 * A producer task consumed as an iterable: Python's async generator and {@code async for}. The
 * body runs as a task and {@linkplain Emitter#emit(Object) emits} items; the consumer iterates.
 *
 * <pre>{@code
 * try (Producer<String> lines = Producer.open(out -> {
 *         try (var reader = open(path)) {        // closed even if the consumer stops early
 *             String line;
 *             while ((line = reader.readLine()) != null) {
 *                 out.emit(line);                 // waits until the consumer asks for the next
 *             }
 *         }
 *     })) {
 *     for (String line : lines) {
 *         if (line.isBlank()) {
 *             break;                              // close() cancels the producer
 *         }
 *         handle(line);
 *     }
 * }
 * }</pre>
 *
 * <h2>Lock-step, like a generator</h2>
 * The body starts when the consumer first asks for an item ({@code hasNext()}), runs until it
 * emits, and waits inside {@code emit} until the consumer asks for the next one: it is never
 * more than one item ahead, and code between two emits runs only on demand (backpressure).
 *
 * <h2>Where the task runs</h2>
 * {@link #open(Body)} runs the producer in a scope of its own owned by the calling task (so it is
 * a child of the consumer, and cancelling the consumer cancels it); {@link #open(TaskScope, Body)}
 * runs it as a task of {@code scope}. Either way it is a real task: it can sleep, block, open
 * scopes and be cancelled.
 *
 * <h2>Ending</h2>
 * <ul>
 * <li>The body returns: iteration ends ({@code hasNext()} returns false).</li>
 * <li>The body throws: the consumer's {@code hasNext()} or {@code next()} throws the same
 *     exception (a checked one wrapped in {@link TaskFailedException}), after the items emitted
 *     before it; iteration then ends.</li>
 * <li>The consumer stops early and closes the producer (try-with-resources, including on
 *     {@code break} and exceptions): the producer is cancelled where it waits in {@code emit},
 *     its finally blocks run, and {@link #close()} returns once it has finished. An exception the
 *     body throws while unwinding (other than the cancellation) is thrown by {@code close()}.</li>
 * </ul>
 * If the producer's task is cancelled from outside (its scope is cancelled), iteration throws
 * that {@link CancelledException}, as joining a cancelled task does. Always close a producer: one
 * left open after its consumer stopped waits in {@code emit} forever, and with
 * {@code open(scope, body)} it keeps {@code scope.join()} waiting.
 *
 * <h2>Cancellation</h2>
 * {@code hasNext()} and {@code next()} are cancellation points. A consumer cancelled while waiting
 * for an item does not lose it: the item is kept for its next {@code hasNext()}. {@code close()}
 * waits for the producer to finish even if the consumer is cancelled.
 *
 * <h2>Thread-safety</h2>
 * One task at a time may iterate; a second one waiting at the same time gets
 * {@link IllegalStateException}. {@code close()} must be called by the task that opened the
 * producer with {@link #open(Body)}. The {@link Emitter} may be used only by the producer's own
 * task.
 *
 * @param <T> the item type
 */
public sealed interface Producer<T> extends Iterable<T>, AutoCloseable permits ProducerImpl {

    /**
     * Starts {@code body} as a producer task owned by the calling task.
     *
     * @throws NoRunningLoopException if not called from a task
     */
    static <T> Producer<T> open(Body<T> body) {
        return ProducerImpl.openOwned(body);
    }

    /**
     * Starts {@code body} as a producer task of {@code scope}.
     *
     * @throws IllegalStateException if {@code scope} is closed
     * @throws NullPointerException if {@code scope} or {@code body} is null
     */
    static <T> Producer<T> open(TaskScope scope, Body<T> body) {
        return ProducerImpl.openIn(scope, body);
    }

    /**
     * The items, in the order emitted: {@code hasNext()} waits for the producer and is a
     * cancellation point. Every call returns a view of the same stream of items.
     */
    @Override
    Iterator<T> iterator();

    /**
     * Cancels the producer if it is still running and waits until it has finished. Idempotent;
     * later {@code hasNext()} calls return false.
     *
     * @throws RuntimeException an exception the body threw that the consumer has not seen (a
     *     checked one wrapped in {@link TaskFailedException})
     */
    @Override
    void close();

    /** A snapshot of the producer's state; never blocks. */
    Statistics statistics();

    /**
     * What {@link #statistics()} returns.
     *
     * @param itemsEmitted items the body has emitted so far
     * @param itemsTaken items the consumer has taken with {@code next()}
     * @param itemReady whether an emitted item waits to be taken
     * @param consumerWaiting whether a consumer waits in {@code hasNext()} or {@code next()}
     * @param finished whether the body has returned, thrown or been cancelled
     * @param closed whether {@link #close()} has been called
     */
    record Statistics(long itemsEmitted, long itemsTaken, boolean itemReady, boolean consumerWaiting,
                      boolean finished, boolean closed) {}

    /**
     * The code of a producer: emits items through {@code out} and returns to end the stream.
     *
     * @param <T> the item type
     */
    @FunctionalInterface
    interface Body<T> {
        /** Produces the items. */
        void run(Emitter<T> out) throws Exception;
    }
}

package dev.weft.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A value that some code sets once and other code waits for (asyncio's {@code Future} from
 * {@code loop.create_future()}).
 *
 * <pre>{@code
 * Promise<String> reply = Promise.create();
 * loop.callLater(Duration.ofSeconds(1), () -> reply.complete("pong"));
 * String value = reply.join();    // blocks this task only
 * }</pre>
 *
 * <h2>Contract</h2>
 * A promise is completed once: a second {@code complete} or {@code fail} throws
 * {@link IllegalStateException} naming the first outcome; {@code cancel} on a promise already
 * done does nothing and returns false (as {@link Future#cancel(boolean)} does). {@link #resultNow()} on a pending
 * promise throws {@link IllegalStateException}. {@link #join()} is a cancellation point.
 * Callbacks added with {@link #onDone(Consumer)} run on the promise's loop, never inline.
 * All methods are thread-safe.
 *
 * @param <T> the value type
 */
public sealed interface Promise<T> extends Future<T> permits PromiseImpl {

    /** A new pending promise bound to the current loop (for its callbacks). */
    static <T> Promise<T> create() {
        return PromiseImpl.create();
    }

    /**
     * Sets the value.
     *
     * @throws IllegalStateException if already completed
     */
    void complete(T value);

    /**
     * Sets a failure; {@link #join()} will throw it (checked ones wrapped in
     * {@link TaskFailedException}).
     *
     * @throws IllegalStateException if already completed
     * @throws NullPointerException if {@code failure} is null
     */
    void fail(Throwable failure);

    /**
     * Cancels the promise: waiters get {@link CancelledException} with this reason.
     *
     * @return false if the promise was already done
     */
    boolean cancel(String reason);

    /**
     * Waits for the value. A cancellation point.
     *
     * @throws CancelledException if the promise was cancelled or the caller was cancelled
     * @throws TaskFailedException if the promise failed with a checked exception
     */
    T join();

    /** Runs {@code callback} on the promise's loop once it is done. */
    void onDone(Consumer<? super Promise<T>> callback);

    /** A {@link CompletableFuture} completed with the same outcome. */
    CompletableFuture<T> toCompletableFuture();
}

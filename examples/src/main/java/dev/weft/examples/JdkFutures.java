package dev.weft.examples;

import dev.weft.core.CancelledException;
import dev.weft.core.TaskFailedException;
import dev.weft.core.Weft;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Waits for a JDK {@link CompletableFuture} with {@link Weft#await(CompletableFuture)}, a Weft
 * cancellation point, for the HTTP examples' {@code HttpClient.sendAsync} calls. If the waiting
 * task is cancelled (a deadline, Ctrl+C, a failing sibling), {@code Weft.await} cancels the future
 * with {@code cancel(true)}, which for {@code sendAsync} aborts the exchange and closes its
 * connection, and the task gets {@link CancelledException} (so {@code Weft.failAfter} reports a
 * {@code DeadlineExceededException}). This helper only gives an {@link IOException} back as
 * itself, as the blocking {@code HttpClient.send} would throw it.
 */
final class JdkFutures {
    private JdkFutures() {}

    /**
     * Waits for {@code future}'s value. A cancellation point.
     *
     * @throws IOException the future's IOException, as the blocking {@code HttpClient.send} would throw it
     * @throws CancelledException if the calling task was cancelled (the future is cancelled too)
     */
    static <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return Weft.await(future);
        } catch (TaskFailedException failed) {
            if (failed.getCause() instanceof IOException io) {
                throw io;
            }
            throw failed;
        }
    }
}

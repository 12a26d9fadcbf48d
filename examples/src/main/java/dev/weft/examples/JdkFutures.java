package dev.weft.examples;

import dev.weft.core.CancelledException;
import dev.weft.core.Promise;
import dev.weft.core.TaskFailedException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waits for a JDK {@link CompletableFuture} as a Weft cancellation point, for the HTTP examples'
 * {@code HttpClient.sendAsync} calls. If the waiting task is cancelled (a deadline, Ctrl+C, a
 * failing sibling), the future is cancelled with {@code cancel(true)}, which for
 * {@code sendAsync} aborts the exchange and closes its connection, and the task gets
 * {@link CancelledException} (so {@code Weft.failAfter} reports a {@code DeadlineExceededException}).
 *
 * <p>Kept small on purpose: once core has {@code Weft.await(CompletionStage)}, its one call site per
 * example becomes that call and this class goes.
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
        Promise<T> outcome = Promise.create();
        future.whenComplete((value, failure) -> {
            if (failure == null) {
                outcome.complete(value);
            } else {
                outcome.fail(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            }
        });
        try {
            return outcome.join();
        } catch (CancelledException cancelled) {
            future.cancel(true);
            throw cancelled;
        } catch (TaskFailedException failed) {
            if (failed.getCause() instanceof IOException io) {
                throw io;
            }
            throw failed;
        }
    }
}

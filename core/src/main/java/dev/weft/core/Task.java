package dev.weft.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A unit of concurrent work: one virtual thread running one body inside a {@link TaskScope}
 * (asyncio's {@code Task}). Made by {@link TaskScope#spawn(java.util.concurrent.Callable)} or
 * {@link Loop#spawn(java.util.concurrent.Callable)}.
 *
 * <pre>{@code
 * try (var scope = TaskScope.open()) {
 *     Task<String> page = scope.spawn(() -> fetch(url));
 *     scope.join();
 *     System.out.println(page.resultNow());
 * }
 * }</pre>
 *
 * <h2>States</h2>
 * <table>
 * <caption>Task states ({@link #state()})</caption>
 * <tr><th>state</th><th>meaning</th><th>next</th></tr>
 * <tr><td>RUNNING</td><td>started, body not yet finished (a cancel request may be
 *     pending: {@link #isCancelRequested()})</td><td>SUCCESS, FAILED, CANCELLED</td></tr>
 * <tr><td>SUCCESS</td><td>body returned a value</td><td>final</td></tr>
 * <tr><td>FAILED</td><td>body threw an exception other than {@link CancelledException}</td>
 *     <td>final</td></tr>
 * <tr><td>CANCELLED</td><td>body ended with {@link CancelledException}, or was cancelled
 *     before it started (it then never runs)</td><td>final</td></tr>
 * </table>
 * <p>Errors win over cancellation: if a {@link TaskScope} that the body closed while the
 * cancellation unwound reported failures (try-with-resources attaches its
 * {@link TaskScopeFailedException} to the {@code CancelledException} as suppressed), the task
 * ends FAILED with that exception instead, so that the failures reach its scope (asyncio's
 * {@code TaskGroup} does the same). {@link Weft#moveOnAfter} follows the same rule.
 *
 * <h2>Cancellation</h2>
 * {@link #cancel(String)} only requests: the task's next blocking call throws
 * {@link CancelledException} and the task unwinds, running its finally blocks. Unlike
 * {@link java.util.concurrent.FutureTask}, the task is not done until it has finished unwinding,
 * and it may still end in SUCCESS or FAILED if its body decides so (as in asyncio).
 * {@link #join()} is a cancellation point; a task cancelled while joining another task cancels
 * that one too and waits for it (asyncio's semantics), unless the join is inside
 * {@link Weft#shield(Body)}.
 *
 * <h2>Exceptions</h2>
 * {@link #join()} rethrows the task's unchecked exception or error as thrown; a checked one comes
 * wrapped in {@link TaskFailedException}. {@link #get()} follows {@link Future}'s contract. A
 * failure nobody retrieved (by join, get, exceptionNow, or through a fail-fast scope) is logged
 * as a warning with its stack trace when its scope closes.
 *
 * <h2>Thread-safety</h2>
 * Every method may be called from any thread. Done callbacks run on the task's loop, one at a
 * time, never inline in the thread that completed the task or added the callback.
 *
 * @param <T> the result type
 */
public sealed interface Task<T> extends Future<T> permits TaskImpl {

    /** The task's name: the one given at spawn, or {@code Task-<thread id>}. */
    String name();

    /** The loop the task belongs to. */
    Loop loop();

    /**
     * Waits until the task is done and returns its value. A cancellation point.
     *
     * @throws CancelledException if the task was cancelled, or the caller was cancelled while
     *     waiting (then this task is cancelled too)
     * @throws TaskFailedException if the task failed with a checked exception
     * @throws IllegalStateException if a task joins itself
     */
    T join();

    /**
     * Requests cancellation with a reason that the task's {@link CancelledException} carries.
     *
     * @return false if the task was already done, true otherwise
     */
    boolean cancel(String reason);

    /** Same as {@code cancel("cancelled")}; {@code mayInterruptIfRunning} is ignored. */
    @Override
    boolean cancel(boolean mayInterruptIfRunning);

    /** True once cancellation was requested, directly or through an enclosing scope. */
    boolean isCancelRequested();

    /**
     * Runs {@code callback} on the task's loop once the task is done (at once, on the loop, if it
     * already is). Exceptions thrown by the callback are logged.
     */
    void onDone(Consumer<? super Task<T>> callback);

    /**
     * A {@link CompletableFuture} completed with the task's outcome. Cancelling it cancels the
     * task.
     */
    CompletableFuture<T> toCompletableFuture();
}

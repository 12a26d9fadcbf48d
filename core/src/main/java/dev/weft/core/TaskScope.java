package dev.weft.core;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * A block that owns tasks and outlives all of them: asyncio's {@code TaskGroup}, Trio's nursery,
 * the JDK's {@code StructuredTaskScope}. Open it in a task, spawn into it, {@link #join()} at the
 * end of the block, and let try-with-resources close it.
 *
 * <pre>{@code
 * try (var scope = TaskScope.open()) {
 *     Task<User> user = scope.spawn(() -> loadUser(id));
 *     Task<List<Order>> orders = scope.spawn(() -> loadOrders(id));
 *     scope.join();               // waits for both; throws if either failed
 *     return render(user.resultNow(), orders.resultNow());
 * }                               // close(): nothing is left running
 * }</pre>
 *
 * <h2>Policies</h2>
 * <ul>
 * <li>{@link #open()} (fail-fast): the first task that fails cancels its siblings and the body;
 *     the scope then reports one {@link TaskScopeFailedException} carrying every failure.</li>
 * <li>{@link #openSupervisor()}: failures cancel nothing; each stays on its task for the caller
 *     to read, and failures nobody read are logged when the scope closes.</li>
 * <li>{@link #openFirstSuccess()} (race): the first task to succeed cancels the rest;
 *     {@link #join()} throws only if every task failed.</li>
 * </ul>
 *
 * <h2>Why {@code join()} is explicit</h2>
 * Java's {@code close()} cannot tell whether the block ended normally or by an exception, so the
 * scope cannot know whether to wait for its tasks or cancel them. As in the JDK's
 * {@code StructuredTaskScope}, {@code join()} waits and {@code close()} cancels what is still
 * running and then waits for it. A block that spawns and reaches {@code close()} with tasks still
 * running and no {@code join()} since gets an {@link IllegalStateException} from {@code close()}
 * (attached as suppressed when the block is already failing). See {@code docs/adr/0002}.
 *
 * <h2>States</h2>
 * <table>
 * <caption>Scope states</caption>
 * <tr><th>state</th><th>spawn</th><th>next</th></tr>
 * <tr><td>OPEN</td><td>yes (from any thread)</td><td>CLOSING on {@code close()}</td></tr>
 * <tr><td>CLOSING</td><td>yes, tasks start cancelled if the scope was cancelled</td>
 *     <td>CLOSED once every task is done</td></tr>
 * <tr><td>CLOSED</td><td>no: {@link IllegalStateException}</td><td>final</td></tr>
 * </table>
 *
 * <h2>Cancellation</h2>
 * {@link #cancel()} cancels the scope's tasks, not the body: {@code join()} then returns once
 * they have unwound (like cancelling a Trio nursery's scope, which ends it quietly). Cancelling
 * the owning task cancels the body and, through it, every task of the scope, recursively
 * through nested scopes.
 *
 * <h2>Thread-safety</h2>
 * {@code spawn}, {@code cancel} and the queries may be called from any thread; {@code join} and
 * {@code close} only by the task that opened the scope.
 */
public sealed interface TaskScope extends AutoCloseable permits ScopeImpl {

    /** Opens a fail-fast scope owned by the current task. */
    static TaskScope open() {
        return ScopeImpl.open(ScopeImpl.Policy.FAIL_FAST, null);
    }

    /** Opens a fail-fast scope with a name shown in exceptions and task dumps. */
    static TaskScope open(String name) {
        return ScopeImpl.open(ScopeImpl.Policy.FAIL_FAST, name);
    }

    /** Opens a scope in which failures cancel nothing (kotlinx's {@code supervisorScope}). */
    static TaskScope openSupervisor() {
        return ScopeImpl.open(ScopeImpl.Policy.SUPERVISOR, null);
    }

    /** Opens a scope in which the first task to succeed cancels the others (a race). */
    static TaskScope openFirstSuccess() {
        return ScopeImpl.open(ScopeImpl.Policy.FIRST_SUCCESS, null);
    }

    /** Starts {@code body} as a new task of this scope. */
    <T> Task<T> spawn(Callable<T> body);

    /** Starts {@code body} as a new task named {@code name}. */
    <T> Task<T> spawn(String name, Callable<T> body);

    /** Starts an action with no result as a new task. */
    Task<Void> spawn(Action<?> body);

    /** Starts an action with no result as a new task named {@code name}. */
    Task<Void> spawn(String name, Action<?> body);

    /**
     * Starts {@code body} as a new task of this scope and waits until it reports that it is
     * ready, then returns the value it reported (Trio's {@code nursery.start}). Use it for a
     * task that must get somewhere before the caller may go on: a server that is listening, a
     * connection that is open.
     *
     * <pre>{@code
     * try (var scope = TaskScope.open()) {
     *     int port = scope.start(status -> {
     *         try (var server = openServer(0)) {
     *             status.started(server.port());   // start() returns the port now
     *             server.serveForever();           // the task goes on in the scope
     *         }
     *     });
     *     talkTo(port);
     *     scope.join();
     * }
     * }</pre>
     *
     * <p><b>Contract</b></p>
     * <ul>
     * <li>Before {@link TaskStatus#started(Object)}: if the body throws, this throws that
     *     exception (a checked one wrapped in {@link TaskFailedException}, as
     *     {@link Task#join()} does) and the scope never sees it: its siblings go on. If the body
     *     returns without calling {@code started}, this throws {@link IllegalStateException}.
     *     If the scope is cancelled meanwhile (not the caller), the task is cancelled and this
     *     throws {@link IllegalStateException} with the task's {@link CancelledException} as
     *     its cause.</li>
     * <li>After {@code started}: the task is like a spawned one; its failure goes to the scope.</li>
     * <li>Cancellation: this is a cancellation point. If the caller is cancelled while it waits,
     *     the task is cancelled too and awaited (shielded) before this throws
     *     {@link CancelledException}; nothing started outlives a failed {@code start}. If the
     *     task meanwhile fails with something other than a cancellation (its cleanup threw), that
     *     failure is thrown instead and the caller's cancellation stays pending, as in
     *     {@link Weft#waitFor(Task)}. The report of the caller's own failed scope also ends the
     *     wait this way, and is thrown.</li>
     * </ul>
     * Unlike Trio, the task belongs to this scope from the start (Trio moves it in at
     * {@code started}), so cancelling this scope also cancels a task that is still starting.
     * Any task may call it; it blocks the caller only.
     *
     * @throws NoRunningLoopException if called outside a task
     * @throws IllegalStateException if the scope is closed, or the task returned without
     *     reporting that it was ready
     */
    default <T> T start(Starter<T> body) {
        return TaskStatusImpl.start(this, null, body);
    }

    /** {@link #start(Starter)} for a task named {@code name}. */
    default <T> T start(String name, Starter<T> body) {
        if (name == null) {
            throw new NullPointerException("start: the task name is null; call start(body) for an unnamed task");
        }
        return TaskStatusImpl.start(this, name, body);
    }

    /**
     * Waits until every task of the scope is done, including tasks spawned meanwhile. A
     * cancellation point for cancellation from outside the scope.
     *
     * @throws TaskScopeFailedException fail-fast: if any task failed; first-success: if every
     *     task failed
     * @throws IllegalStateException if called by a task other than the owner
     */
    void join();

    /** Cancels every task of the scope (not the body); tasks spawned later start cancelled. */
    void cancel();

    /** {@link #cancel()} with a reason carried by the tasks' {@link CancelledException}. */
    void cancel(String reason);

    /** True once {@link #cancel()} was called or a failure cancelled the scope. */
    boolean isCancelled();

    /** For a first-success scope: the task that succeeded first, once there is one. */
    Optional<Task<?>> winner();

    /** The scope's name. */
    String name();

    /**
     * This scope as an {@link ExecutorService}, for code that takes an
     * {@code Executor} ({@code CompletableFuture.supplyAsync(f, scope.asExecutor())}, an HTTP
     * client, a library's callbacks): each submission is a task spawned into this scope, with
     * the scope's policy (a fail-fast scope is failed by a submitted task that throws), and
     * {@code submit} returns that {@link Task}. Nothing is queued. {@code shutdown()} makes the
     * view refuse new work; {@code shutdownNow()} also cancels the tasks it spawned and returns
     * an empty list; {@code awaitTermination} waits (a plain JDK wait, on real time) for those
     * tasks after a shutdown. The scope is still closed by its owner, which waits for them all.
     * Submitting after the scope closed throws {@link java.util.concurrent.RejectedExecutionException}.
     * Each call returns a new view; every method may be called from any thread.
     */
    ExecutorService asExecutor();

    /**
     * Cancels tasks still running, waits for every task to finish, and reports failures not yet
     * reported. Idempotent.
     *
     * @throws TaskScopeFailedException if tasks failed and no earlier call reported it
     * @throws IllegalStateException if called by a task other than the owner, or if tasks were
     *     still running and {@code join()} was not called after the last spawn
     */
    @Override
    void close();
}

package dev.weft.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * An event loop: it owns a root scope of tasks, a clock, timers and a queue of callbacks
 * (asyncio's event loop). Most programs never touch one: {@link Weft#run(Body)} opens a loop,
 * runs {@code main} on it and closes it.
 *
 * <pre>{@code
 * try (Loop loop = Loop.open()) {
 *     loop.spawn(() -> { Weft.sleep(Duration.ofSeconds(2)); System.out.println("world"); });
 *     loop.spawn(() -> { Weft.sleep(Duration.ofSeconds(1)); System.out.println("hello"); });
 *     loop.runUntilComplete(() -> Weft.sleep(Duration.ofSeconds(3)));
 * }
 * }</pre>
 *
 * <h2>Tasks and callbacks</h2>
 * Each task runs on its own virtual thread from the moment it is spawned. Callbacks
 * ({@code callSoon}, {@code callLater}, {@code callAt}, done callbacks) run while a thread runs
 * the loop ({@link #runForever()}, {@link #runUntilComplete(Body)}): on that thread for a
 * parallel loop, on the loop's carrier thread for a confined one (so that a callback never
 * overlaps a task), one at a time,
 * in order of due time and, for equal times, in the order they were scheduled. A callback must
 * not block; to wait for something, spawn a task. An exception thrown by a callback goes to the
 * loop's {@link ExceptionHandler} (by default, the log) and the loop goes on.
 *
 * <h2>Exceptions nobody can catch</h2>
 * A callback that threw, and a task failure nobody retrieved by the time its scope closed (a
 * task of the loop's root scope, or of a supervisor scope, never joined nor read), go to
 * {@link #callExceptionHandler(ExceptionContext)}: to the handler set with
 * {@link #setExceptionHandler(ExceptionHandler)}, or to {@link #defaultExceptionHandler}, which
 * logs them (SLF4J logger {@code dev.weft.core}: WARN for a failure never retrieved, ERROR for
 * the rest), as asyncio's {@code set_exception_handler}.
 *
 * <h2>States</h2>
 * <table>
 * <caption>Loop states</caption>
 * <tr><th>state</th><th>meaning</th><th>next</th></tr>
 * <tr><td>IDLE</td><td>open, no thread is running its callbacks (tasks still run)</td>
 *     <td>RUNNING on {@code runForever} or {@code runUntilComplete}; CLOSING on {@code close}</td></tr>
 * <tr><td>RUNNING</td><td>a thread is in {@code runForever} or {@code runUntilComplete}; a
 *     second run is an error, and so is {@code close}</td><td>IDLE when that call returns</td></tr>
 * <tr><td>CLOSING</td><td>a thread is in {@code close}: the root scope's tasks are cancelled and
 *     the closing thread runs callbacks until they have finished; a run is an error, a
 *     concurrent {@code close} waits for this one; {@code isRunning} and {@code isClosed} are
 *     both false</td><td>CLOSED when that call returns</td></tr>
 * <tr><td>CLOSED</td><td>tasks cancelled and finished, timers and thread pool stopped; every
 *     call but {@code close} and queries is an error</td><td>final</td></tr>
 * </table>
 *
 * <h2>Thread-safety</h2>
 * All methods are thread-safe; {@code callSoon} and {@link #callSoonThreadsafe(Runnable)} are the
 * same call (asyncio needs two; Weft does not).
 */
public sealed interface Loop extends AutoCloseable permits LoopImpl {

    /**
     * Opens a new loop with {@link LoopOptions#defaults()} (parallel unless the system property
     * {@code weft.loop} says confined). It runs its callbacks only while a thread runs it.
     */
    static Loop open() {
        return LoopImpl.open();
    }

    /**
     * Opens a new loop with {@code options}, e.g. {@code LoopOptions.confined()}.
     *
     * @throws UnsupportedOperationException for a confined loop on a JVM started without the flag
     *     it needs; the message names the flag
     */
    static Loop open(LoopOptions options) {
        return LoopImpl.open(options);
    }

    /** How this loop shares the processor among its tasks. */
    LoopOptions options();

    /**
     * The loop of the calling task or loop callback.
     *
     * @throws NoRunningLoopException if the calling thread is neither
     */
    static Loop current() {
        return Context.requireLoop("Loop.current()");
    }

    /** The loop's monotonic clock, in nanoseconds. All its timers use it. */
    long time();

    /** Runs {@code main} as a task while running the loop's callbacks; returns its value or
     *  rethrows its exception unchanged. */
    <T, X extends Exception> T runUntilComplete(Body<T, X> main) throws X;

    /** {@link #runUntilComplete(Body)} for an action with no result. */
    <X extends Exception> void runUntilComplete(Action<X> main) throws X;

    /**
     * Runs the loop's callbacks until {@link #stop()} is called, in batches as asyncio's
     * {@code run_forever}: each batch is the callbacks ready when it begins; callbacks they
     * schedule wait for the next batch. An interrupt of the calling thread stops it the same way.
     */
    void runForever();

    /**
     * Makes {@link #runForever()} return at the end of the current batch, asyncio's rule:
     * called from a callback, the callbacks that were ready with it still run, and those
     * scheduled during the batch (before or after {@code stop()}) wait for the next run. Called
     * while the loop is not running, the next {@code runForever()} runs one batch (the callbacks
     * ready when it starts) and returns. Idempotent; any thread. A run of either kind consumes
     * the request: {@link #runUntilComplete(Body)} ignores it (it runs until main completes)
     * and clears it when it returns.
     */
    void stop();

    /**
     * Sends exceptions nobody can catch to {@code handler} from now on; {@code null} restores the
     * default, which logs (asyncio's {@code set_exception_handler}). Any thread.
     */
    void setExceptionHandler(ExceptionHandler handler);

    /** The handler set with {@link #setExceptionHandler}, or empty when the default is in use. */
    java.util.Optional<ExceptionHandler> exceptionHandler();

    /**
     * Hands {@code context} to the loop's exception handler, or to the default one if none is
     * set (asyncio's {@code call_exception_handler}). If the handler throws, the default handler
     * logs that exception with the context; this call itself never throws for it. Any thread.
     */
    void callExceptionHandler(ExceptionContext context);

    /**
     * The default handling: logs {@code context} to the SLF4J logger {@code dev.weft.core}, a
     * WARN for a context with a {@linkplain ExceptionContext#task() task}, an ERROR otherwise,
     * with the exception's stack (asyncio's {@code default_exception_handler}). A handler of your
     * own may call it to log as usual.
     */
    void defaultExceptionHandler(ExceptionContext context);

    /** True while a thread runs the loop. */
    boolean isRunning();

    /** True once closed. */
    boolean isClosed();

    /** Schedules {@code callback} to run on the loop as soon as possible. */
    Handle callSoon(Runnable callback);

    /** Same as {@link #callSoon(Runnable)}; kept for asyncio's name. */
    Handle callSoonThreadsafe(Runnable callback);

    /** Schedules {@code callback} after {@code delay} (not negative). */
    Handle callLater(Duration delay, Runnable callback);

    /** Schedules {@code callback} at {@code when} on the loop's clock ({@link #time()}). */
    Handle callAt(long when, Runnable callback);

    /** Starts {@code body} as a task of the loop's root scope (asyncio's {@code create_task}). */
    <T> Task<T> spawn(Callable<T> body);

    /** Starts a named task in the loop's root scope. */
    <T> Task<T> spawn(String name, Callable<T> body);

    /** Starts an action in the loop's root scope. */
    Task<Void> spawn(Action<?> body);

    /** Starts a named action in the loop's root scope. */
    Task<Void> spawn(String name, Action<?> body);

    /**
     * Starts {@code body} as a task of this loop from any thread and returns a future for its
     * outcome (asyncio's {@code run_coroutine_threadsafe}). Cancelling the future cancels the task.
     */
    <T> CompletableFuture<T> submit(Callable<T> body);

    /** The tasks of this loop that are not done yet, across all scopes. */
    List<Task<?>> tasks();

    /**
     * The loop's name, {@code weft-loop-N}, unique in the process. Each task's thread is named
     * {@code <loop name>/<task name>} (for example {@code weft-loop-3/Task-26}), so that thread
     * dumps ({@code jcmd PID Thread.dump_to_file}) and stack traces show which task a thread runs.
     */
    String name();

    /**
     * A text picture of the loop's tasks, for finding out why a program hangs (asyncio's
     * {@code pstree}): every scope with its tasks, each task with its state, age, the cancel and
     * deadline state of its regions, and what it waits on (the task or scope it joins, the lock,
     * queue, channel, event or semaphore, a sleep with its due time, {@code toThread} work, a
     * socket read or write, or "running"). A cycle of tasks waiting for one another (a join, a
     * held lock) is reported after the tree as a {@code DEADLOCK}. The format is for people and
     * may change; see {@code docs/observability.md}.
     *
     * <p>A snapshot of moving tasks, not atomic: a task may show as running that has just parked.
     * Costs nothing until called; safe from any thread, including a task of this loop. Also
     * reachable from outside the process as the JMX operation {@code dumpTasks} of the MBean
     * {@code dev.weft:type=Loop,name=<loop name>}.
     */
    String dumpTasks();

    /**
     * {@link #dumpTasks()} as JSON, for tools: {@code {"loop", "state", "time", "root": scope,
     * "deadlocks": [[task names]]}}, a scope being {@code {"scope", "owner", "regions", "tasks":
     * [{"name", "thread", "state", "ageNanos", "regions", "waiting": {"kind", "on", "waitsFor"},
     * "scopes": [scope]}]}}.
     */
    String dumpTasksJson();

    /**
     * Cancels the tasks still running, waits for them, then stops the loop's timers and thread
     * pool. Idempotent.
     *
     * @throws IllegalStateException if the loop is running, or if called from one of its tasks
     */
    @Override
    void close();

    /** Shorthand for {@code callLater} with milliseconds. */
    default Handle callLater(long delayMillis, Runnable callback) {
        return callLater(Duration.ofMillis(delayMillis), callback);
    }
}

package dev.weft.core;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * Weft's everyday entry points: run a program on a loop, sleep, gather, wait, time out, shield,
 * and move blocking code to a thread. The asyncio names map one to one: {@code asyncio.run} is
 * {@link #run(Body)}, {@code asyncio.sleep} is {@link #sleep(Duration)}, and so on (see the
 * README's table).
 *
 * <pre>{@code
 * public static void main(String[] args) throws Exception {
 *     Weft.run(() -> {
 *         for (char c : "Hello, world!\n".toCharArray()) {
 *             System.out.print(c);
 *             Weft.sleep(Duration.ofMillis(200));
 *         }
 *     });
 * }
 * }</pre>
 *
 * <h2>Blocking and cancellation</h2>
 * Every call here that waits is a cancellation point: if the calling task is cancelled, it
 * throws {@link CancelledException}. Calls that need a task throw
 * {@link NoRunningLoopException} on other threads. Cancellation also interrupts the task's
 * thread, so JDK blocking calls that answer interrupts ({@code Thread.sleep}, blocking queues,
 * {@code Future.get}, {@code HttpClient.send}, socket IO) end too; {@code CompletableFuture.join()}
 * does not: use {@link #await(CompletableFuture)}. The guide (docs/guide.md, section 6) lists
 * which JDK calls are interruptible.
 *
 * <h2>Exceptions</h2>
 * Calls that run a body in place ({@code run}, {@code failAfter}, {@code moveOnAfter},
 * {@code cancelScope}, {@code shield}, {@code toThread}) rethrow its exception unchanged; the
 * checked exception type is inferred from the lambda. The exceptions: a block's own
 * cancellation gives the block's verdict (see {@link CancelScope}), and the JDK's
 * {@code InterruptedException} (or the {@code SocketException} of a socket closed by the
 * interrupt) thrown because Weft cancelled the body counts as that cancellation: a
 * {@link DeadlineExceededException} from {@code failAfter}, false from {@code moveOnAfter},
 * {@link CancelledException} when a region outside the block was cancelled. Calls that report
 * other tasks' outcomes ({@code gather}) throw {@link TaskScopeFailedException}.
 */
public final class Weft {
    private Weft() {}

    /**
     * Runs {@code main} as a task on a new loop and returns its value (asyncio's {@code run}).
     * The exception main throws is rethrown as thrown. Tasks main left in the loop's root scope
     * are cancelled and awaited, and the loop is closed. Ctrl+C (SIGINT) or another JVM shutdown
     * cancels main, and shutdown waits until the loop is closed, so finally blocks run.
     *
     * @throws IllegalStateException if called from a task or callback of a running loop
     */
    public static <T, X extends Exception> T run(Body<T, X> main) throws X {
        return LoopImpl.runMain(main);
    }

    /** {@link #run(Body)} for an action with no result. */
    public static <X extends Exception> void run(Action<X> main) throws X {
        LoopImpl.runMain(() -> {
            main.run();
            return null;
        });
    }

    /**
     * {@link #run(Body)} on a loop with {@code options}: {@code Weft.run(LoopOptions.confined(), main)}
     * gives asyncio's guarantee that tasks run one at a time and switch only where they block.
     *
     * @throws UnsupportedOperationException for a confined loop on a JVM without the flag it needs
     */
    public static <T, X extends Exception> T run(LoopOptions options, Body<T, X> main) throws X {
        return LoopImpl.runMain(options, main);
    }

    /** {@link #run(LoopOptions, Body)} for an action with no result. */
    public static <X extends Exception> void run(LoopOptions options, Action<X> main) throws X {
        LoopImpl.runMain(options, () -> {
            main.run();
            return null;
        });
    }

    /**
     * Suspends the current task for {@code delay} (not negative). {@code Duration.ZERO} yields
     * to other tasks without a timer.
     */
    public static void sleep(Duration delay) {
        Deadlines.sleep(delay);
    }

    /** {@link #sleep(Duration)} in milliseconds. */
    public static void sleep(long millis) {
        Deadlines.sleep(Duration.ofMillis(millis));
    }

    /** Lets other tasks run; a cancellation point ({@code sleep(0)}). */
    public static void yieldNow() {
        Deadlines.sleep(Duration.ZERO);
    }

    /** Throws {@link CancelledException} if the current task has been cancelled. */
    public static void checkCancelled() {
        Context.requireTask("Weft.checkCancelled()").checkpoint();
    }

    /**
     * The current task.
     *
     * @throws NoRunningLoopException outside a task
     */
    public static Task<?> currentTask() {
        return Context.requireTask("Weft.currentTask()");
    }

    /**
     * Runs the calls concurrently as tasks of a new fail-fast scope and returns their results in
     * argument order. If one fails, the others are cancelled and awaited before this throws: no
     * task is left running whether it returns or throws.
     *
     * @throws TaskScopeFailedException if any call failed
     */
    @SafeVarargs
    public static <T> List<T> gather(Callable<? extends T>... calls) {
        return Combinators.gather(List.of(Combinators.checkCalls("gather", calls)));
    }

    /** {@link #gather(Callable[])} over a list. */
    public static <T> List<T> gather(List<? extends Callable<? extends T>> calls) {
        return Combinators.gather(calls);
    }

    /**
     * Runs the calls concurrently and waits for all of them, failures included (asyncio's
     * {@code gather(return_exceptions=True)}): returns the finished tasks in argument order;
     * read each one's {@code state()}, {@code resultNow()} or {@code exceptionNow()}.
     */
    public static <T> List<Task<T>> gatherSettled(List<? extends Callable<? extends T>> calls) {
        return Combinators.gatherSettled(calls);
    }

    /**
     * Runs the calls concurrently and returns the first successful result; the others are
     * cancelled and awaited.
     *
     * @throws TaskScopeFailedException if every call failed
     */
    public static <T> T race(List<? extends Callable<? extends T>> calls) {
        return Combinators.race(calls);
    }

    /**
     * Waits until {@code when} is met or {@code timeout} passes, and returns which tasks are done
     * and which pending. Never cancels anything; a timeout returns, it does not throw.
     *
     * @param timeout {@code null} for none; {@code Duration.ZERO} reports at once
     * @throws IllegalArgumentException if {@code tasks} is empty
     */
    public static <T> WaitResult<T> wait(Collection<? extends Task<T>> tasks, ReturnWhen when, Duration timeout) {
        return Combinators.wait(tasks, when, timeout);
    }

    /** {@link #wait(Collection, ReturnWhen, Duration)} with no timeout. */
    public static <T> WaitResult<T> wait(Collection<? extends Task<T>> tasks, ReturnWhen when) {
        return Combinators.wait(tasks, when, null);
    }

    /**
     * The tasks in the order they finish: each {@code next()} waits for the next one. With a
     * timeout, {@code next()} throws {@link DeadlineExceededException} once it has passed
     * (measured from this call).
     *
     * @param timeout {@code null} for none
     */
    public static <T> Iterable<Task<T>> asCompleted(Collection<? extends Task<T>> tasks, Duration timeout) {
        return Combinators.asCompleted(tasks, timeout);
    }

    /**
     * Runs {@code body} with a deadline {@code timeout} from now (Trio's {@code fail_after},
     * asyncio's {@code timeout}). If the deadline passes, the body is cancelled, and once it has
     * unwound this throws {@link DeadlineExceededException}.
     *
     * <p>The verdict, when the body ends: its value, or its exception unchanged, except that the
     * block's own cancellation (its deadline, or {@link CancelScope#cancel} on
     * {@code CancelScope.current()} inside it) becomes {@code DeadlineExceededException}; a
     * {@link TaskScopeFailedException} of a scope that failed while the deadline unwound it is
     * thrown instead (asyncio: a TaskGroup's errors pass through an expiring timeout); a
     * cancellation of a region outside the block propagates as {@link CancelledException}.
     * See {@link CancelScope} for the rules.
     *
     * @param timeout not negative; {@code Duration.ZERO} cancels the body at its first blocking call
     * @throws DeadlineExceededException if the block's own scope cut the body short
     */
    public static <T, X extends Exception> T failAfter(Duration timeout, Body<T, X> body) throws X {
        return Deadlines.failAfter(timeout, body);
    }

    /** {@link #failAfter(Duration, Body)} for an action. */
    public static <X extends Exception> void failAfter(Duration timeout, Action<X> body) throws X {
        Deadlines.failAfter(timeout, () -> {
            body.run();
            return null;
        });
    }

    /**
     * {@link #failAfter(Duration, Body)} with an absolute deadline on the loop's clock (Trio's
     * {@code fail_at}): {@code deadline} is a {@link Loop#time()} instant in nanoseconds, as for
     * {@link Loop#callAt}; one already passed cancels the body at its first blocking call;
     * {@link Long#MAX_VALUE} means none.
     */
    public static <T, X extends Exception> T failAt(long deadline, Body<T, X> body) throws X {
        return Deadlines.failAt(deadline, body);
    }

    /** {@link #failAt(long, Body)} for an action. */
    public static <X extends Exception> void failAt(long deadline, Action<X> body) throws X {
        Deadlines.failAt(deadline, () -> {
            body.run();
            return null;
        });
    }

    /**
     * Runs {@code body} with a deadline {@code timeout} from now; if it passes, the body is
     * cancelled and this returns quietly (Trio's {@code move_on_after}). The block's own scope
     * catches its own cancellation, by deadline or by {@link CancelScope#cancel}; a
     * {@link TaskScopeFailedException} of a scope that failed during that unwinding, and a
     * cancellation of a region outside the block, propagate (see {@link CancelScope}).
     *
     * @param timeout not negative; {@code Duration.ZERO} cancels the body at its first blocking call
     * @return true if the body finished, false if its own scope cut it short
     */
    public static <X extends Exception> boolean moveOnAfter(Duration timeout, Action<X> body) throws X {
        return Deadlines.moveOnAfter(timeout, body);
    }

    /**
     * {@link #moveOnAfter(Duration, Action)} with an absolute deadline on the loop's clock (Trio's
     * {@code move_on_at}): a {@link Loop#time()} instant in nanoseconds, as for
     * {@link Loop#callAt}; {@link Long#MAX_VALUE} means none.
     *
     * @return true if the body finished, false if its own scope cut it short
     */
    public static <X extends Exception> boolean moveOnAt(long deadline, Action<X> body) throws X {
        return Deadlines.moveOnAt(deadline, body);
    }

    /**
     * Runs {@code body} in a new cancel scope without a deadline (Trio's
     * {@code with CancelScope() as cs}) and returns that scope once the block has ended. Inside,
     * {@link CancelScope#current()} is the scope: cancel it, give it a deadline, or hand it to
     * another task that may stop the block. When its own cancellation ends the block, this
     * returns quietly and the scope's {@link CancelScope#cancelledCaught()} is true; the other
     * rules are {@link #moveOnAfter}'s.
     *
     * @return the block's scope, for {@code cancelledCaught()} and {@code isCancelled()}
     */
    public static <X extends Exception> CancelScope cancelScope(Action<X> body) throws X {
        return Deadlines.cancelScope(body);
    }

    /**
     * Waits for {@code task} for at most {@code timeout} (asyncio's {@code wait_for}). If it
     * takes longer, cancels it and waits for it to unwind; then the task's own outcome wins over
     * the timeout: if it still returned a value (it caught the cancellation), that value is
     * returned, and if it failed with something other than a cancellation, that failure is thrown
     * as {@link Task#join()} throws it. Only a task that ended cancelled gives
     * {@link DeadlineExceededException}. A task already done is reported even with
     * {@code Duration.ZERO}.
     *
     * <p><b>Cancellation.</b> A cancellation point. If the caller is cancelled while it waits,
     * the task is cancelled too and awaited; a value it still returns is returned and a failure
     * (not a cancellation) it ends with is thrown, even when it ended just as the caller was
     * cancelled (the caller's cancellation stays pending and is raised at its next blocking
     * call); if it ended cancelled, the caller's {@link CancelledException} is thrown. A {@link TaskScopeFailedException} of the
     * caller's own failed scope always wins.
     *
     * @param timeout not negative; {@code Duration.ZERO} only reports a task already done. For
     *     no timeout use {@link #waitFor(Task)}
     * @throws DeadlineExceededException if the timeout passed and the task ended cancelled
     * @throws IllegalStateException if a task waits for itself
     */
    public static <T> T waitFor(Task<T> task, Duration timeout) {
        return Deadlines.waitFor(task, timeout);
    }

    /**
     * {@link #waitFor(Task, Duration)} without a timeout (asyncio's {@code wait_for(aw, None)}):
     * unlike {@link Task#join()}, a value the task returns after the caller's cancellation
     * reached it is returned, not dropped.
     */
    public static <T> T waitFor(Task<T> task) {
        return Deadlines.waitFor(task);
    }

    /**
     * Waits for a JDK completion stage as a cancellation point, for code that would call
     * {@code CompletableFuture.join()}, which no cancellation or deadline can interrupt.
     * Returns its value; a failure is thrown as {@link Task#join()} throws a task's (unchecked
     * exceptions and errors unchanged, {@code CompletionException} unwrapped, checked ones
     * wrapped in {@link TaskFailedException}); a cancelled stage gives {@link CancelledException}.
     *
     * <p><b>Cancellation.</b> If the caller is cancelled (or its deadline passes) first, the
     * stage's {@code toCompletableFuture()} is cancelled, when the stage supports it, and the
     * caller's {@link CancelledException} is thrown, which a deadline block then turns into its
     * verdict. If the stage completes first, even as the caller is being cancelled, its outcome
     * is reported and the caller's cancellation stays pending for its next blocking call. Like
     * every Weft blocking call, a checkpoint when the stage is already done on entry.
     *
     * @throws NoRunningLoopException outside a task
     */
    public static <T> T await(CompletionStage<T> stage) {
        return Awaits.await(stage);
    }

    /**
     * Waits for a JDK future as a cancellation point (see {@link #await(CompletionStage)} for
     * how the outcome is reported). A {@link CompletionStage} is waited for as one, a
     * {@link Task} or {@link Promise} is joined; any other future through its own
     * {@code get()}, which Weft's cancellation interrupts: the future is then cancelled with
     * {@code cancel(true)} and the cancellation thrown. An interrupt that is not Weft's is
     * kept for later and the wait goes on.
     *
     * @throws NoRunningLoopException outside a task
     */
    public static <T> T await(Future<T> future) {
        return Awaits.await(future);
    }

    /**
     * {@link #await(CompletionStage)} for a {@link CompletableFuture}, which is both a stage and
     * a future; cancels it if the caller is cancelled first.
     */
    public static <T> T await(CompletableFuture<T> future) {
        return Awaits.await((CompletionStage<T>) future);
    }

    /**
     * Runs {@code body} shielded from cancellation outside it (asyncio's {@code shield}, Trio's
     * shielded scope): for cleanup that must finish. A pending outer cancellation is raised at
     * the first blocking call after the shield.
     */
    public static <T, X extends Exception> T shield(Body<T, X> body) throws X {
        return Deadlines.shield(body);
    }

    /** {@link #shield(Body)} for an action. */
    public static <X extends Exception> void shield(Action<X> body) throws X {
        Deadlines.shield(() -> {
            body.run();
            return null;
        });
    }

    /**
     * Runs blocking or CPU-heavy {@code body} on the loop's pool of platform threads and waits
     * for it (asyncio's {@code to_thread}). Use it for code that must not hold a carrier thread:
     * CPU-heavy work, native calls, and code that pins a virtual thread ({@code synchronized}
     * blocking on JDK 21 to 23); on a confined loop, for anything that would otherwise stall
     * the loop's one carrier.
     *
     * <p><b>How many run at once:</b> at most {@link LoopOptions#toThreadPoolSize()} bodies per
     * loop ({@code min(32, processors + 4)} by default, as asyncio's default executor: 6 on a
     * 2-core machine). Further calls wait, in FIFO order, for a thread; set the size with
     * {@link LoopOptions#withToThreadPoolSize(int)} or pass your own executor to
     * {@link #toThread(java.util.concurrent.Executor, Body)}.
     *
     * <p><b>Context:</b> the body sees the caller's {@link TaskLocal} values and SLF4J MDC, as
     * asyncio's {@code to_thread} copies contextvars; values it sets stay in that copy, and the
     * thread gets its own MDC back afterwards. No loop runs on the thread: Weft calls that need a
     * task throw {@link NoRunningLoopException} there.
     *
     * <p><b>Cancellation:</b> cancelling the caller (also while it waits for a thread) interrupts
     * the thread and waits for the body to return, so nothing outlives the call; the caller then
     * throws {@link CancelledException}.
     *
     * @throws IllegalStateException if the loop is closing
     */
    public static <T, X extends Exception> T toThread(Body<T, X> body) throws X {
        return Combinators.toThread(null, body);
    }

    /**
     * {@link #toThread(Body)} on a thread of {@code executor}: for blocking calls in numbers the
     * loop's pool is not sized for, or for a pool you share or monitor. The executor decides how
     * many run at once. Context and cancellation are as for {@link #toThread(Body)}; the body
     * must respond to interrupts for cancellation to end it early.
     *
     * <p>On a confined loop, pass an executor of platform threads: a virtual thread the executor
     * starts from a task of a confined loop inherits the loop's carrier (the JDK passes the
     * scheduler on), so it would run one step at a time with the loop's tasks.
     *
     * @throws java.util.concurrent.RejectedExecutionException as thrown by {@code executor}
     */
    public static <T, X extends Exception> T toThread(java.util.concurrent.Executor executor, Body<T, X> body)
            throws X {
        if (executor == null) {
            throw new NullPointerException("Weft.toThread: the executor is null; call Weft.toThread(body) "
                    + "for the loop's own pool");
        }
        return Combinators.toThread(executor, body);
    }
}

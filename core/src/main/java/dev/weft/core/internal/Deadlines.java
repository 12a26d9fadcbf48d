package dev.weft.core.internal;

import dev.weft.core.Action;
import dev.weft.core.Body;
import dev.weft.core.CancelledException;
import dev.weft.core.DeadlineExceededException;
import dev.weft.core.Task;
import dev.weft.core.TaskScopeFailedException;
import java.time.Duration;

/** Sleeping, deadline blocks and shields: the regions of a task's cancellation chain. */
public final class Deadlines {
    private static final java.util.function.BooleanSupplier NEVER = () -> false;

    private Deadlines() {}

    public static void sleep(Duration delay) {
        long nanos = Checks.nonNegativeNanos(delay, "Weft.sleep");
        TaskImpl<?> task = Context.requireTask("Weft.sleep()");
        task.checkpoint();
        if (nanos == 0) {
            Thread.yield();
            task.checkpoint();
            return;
        }
        Blocking.await(NEVER, task.loop, Checks.saturatedAdd(task.loop.time(), nanos));
    }

    public static <T, X extends Exception> T failAfter(Duration timeout, Body<T, X> body) throws X {
        long nanos = Checks.nonNegativeNanos(timeout, "Weft.failAfter");
        Checks.notNull(body, "Weft.failAfter: the body");
        TaskImpl<?> task = Context.requireTask("Weft.failAfter()");
        CancelNode node = open(task, nanos);
        try {
            return body.call();
        } catch (CancelledException e) {
            if (caughtOwnDeadline(node)) {
                DeadlineExceededException timedOut = new DeadlineExceededException(
                        "deadline of " + timeout + " exceeded (Weft.failAfter)");
                timedOut.addSuppressed(e);
                throw timedOut;
            }
            throw e;
        } finally {
            node.disarm();
            task.popNode(node);
        }
    }

    public static <X extends Exception> boolean moveOnAfter(Duration timeout, Action<X> body) throws X {
        long nanos = Checks.nonNegativeNanos(timeout, "Weft.moveOnAfter");
        Checks.notNull(body, "Weft.moveOnAfter: the body");
        TaskImpl<?> task = Context.requireTask("Weft.moveOnAfter()");
        CancelNode node = open(task, nanos);
        try {
            body.run();
            return true;
        } catch (CancelledException e) {
            if (caughtOwnDeadline(node)) {
                TaskScopeFailedException failed = ScopeImpl.failureCarriedBy(e);
                if (failed != null) {
                    throw failed; // a scope failed while the block unwound: not a quiet exit
                }
                return false;
            }
            throw e;
        } finally {
            node.disarm();
            task.popNode(node);
        }
    }

    private static CancelNode open(TaskImpl<?> task, long nanos) {
        CancelNode node = new CancelNode(task.loop, task.current, CancelNode.DEADLINE, task, null);
        task.pushNode(node);
        node.setDeadline(Checks.saturatedAdd(task.loop.time(), nanos));
        return node;
    }

    /** The node's deadline fired and nothing outside it is cancelled: this block owns the cancel. */
    private static boolean caughtOwnDeadline(CancelNode node) {
        return node.isCancelled() && node.cancelledByDeadline() && CancelNode.firstCancelled(node.parent) == null;
    }

    public static <T> T waitFor(Task<T> task, Duration timeout) {
        Checks.notNull(task, "Weft.waitFor: the task");
        long nanos = Checks.nonNegativeNanos(timeout, "Weft.waitFor");
        TaskImpl<?> me = Context.requireTask("Weft.waitFor()");
        return waitFor((TaskImpl<T>) task, me, Checks.saturatedAdd(me.loop.time(), nanos), timeout);
    }

    public static <T> T waitFor(Task<T> task) {
        Checks.notNull(task, "Weft.waitFor: the task");
        return waitFor((TaskImpl<T>) task, Context.requireTask("Weft.waitFor()"), Long.MAX_VALUE, null);
    }

    /**
     * Waits for {@code task} until {@code deadline}; on timeout or on the caller's cancellation,
     * cancels it and waits for it to end. Whatever it then ended with, other than a cancellation,
     * wins: a value is returned, a failure thrown (asyncio's wait_for). The caller's own
     * cancellation stays pending and is raised at its next blocking call.
     */
    private static <T> T waitFor(TaskImpl<T> task, TaskImpl<?> me, long deadline, Duration timeout) {
        if (task == me) {
            throw new IllegalStateException(me.describe() + " called Weft.waitFor on itself, which would wait "
                    + "forever; wait for it from another task, or return the value instead");
        }
        RuntimeException interrupted = null;
        boolean inTime;
        Thread thread = Thread.currentThread();
        task.addListener(thread);
        try {
            inTime = Blocking.await(task::isDone, me, me.loop, deadline);
        } catch (RuntimeException cancelled) { // the caller's cancellation, or its failed scope's report
            interrupted = cancelled;
            inTime = false;
        } finally {
            task.removeListener(thread);
        }
        boolean cancelledHere = !inTime && task.cancel(interrupted != null
                ? me.describe() + ", which was waiting for it in Weft.waitFor, was cancelled"
                : "Weft.waitFor: its timeout of " + timeout + " passed");
        if (cancelledHere) {
            task.awaitDoneUninterruptibly();
        }
        if (interrupted != null && (!cancelledHere || !(interrupted instanceof CancelledException))) {
            throw interrupted; // cancelled before the task ended, or a scope failure: it always wins
        }
        if (task.stateCode() != FutureCore.CANCELLED || interrupted == null && !cancelledHere) {
            return task.report(); // its value or its failure, even after our cancel
        }
        if (interrupted != null) {
            throw interrupted;
        }
        DeadlineExceededException timedOut = new DeadlineExceededException("Weft.waitFor: " + task.describe()
                + " did not finish within " + timeout + "; it was cancelled and has ended");
        timedOut.initCause(task.errorUnchecked());
        throw timedOut;
    }

    public static <T, X extends Exception> T shield(Body<T, X> body) throws X {
        Checks.notNull(body, "Weft.shield: the body");
        TaskImpl<?> task = Context.requireTask("Weft.shield()");
        CancelNode node = new CancelNode(task.loop, task.current, CancelNode.SHIELD, task, null);
        task.pushShield(node);
        try {
            return body.call();
        } finally {
            node.disarm();
            task.popNode(node);
        }
    }
}

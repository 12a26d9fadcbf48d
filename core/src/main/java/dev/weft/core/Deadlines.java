package dev.weft.core;

import java.time.Duration;

/**
 * Sleeping, cancel-scope blocks (with or without a deadline), waitFor and shields: the regions
 * of a task's cancellation chain.
 */
final class Deadlines {
    private static final java.util.function.BooleanSupplier NEVER = () -> false;
    private static final String NO_TIMEOUT = "; for no deadline use Weft.cancelScope(body), or failAt/moveOnAt "
            + "with Long.MAX_VALUE";

    private Deadlines() {}

    static void sleep(Duration delay) {
        long nanos = Checks.nonNegativeNanos(delay, "Weft.sleep");
        TaskImpl<?> task = Context.requireTask("Weft.sleep()");
        task.checkpoint();
        if (nanos == 0) {
            Thread.yield();
            task.checkpoint();
            return;
        }
        Blocking.await(NEVER, Blocking.SLEEP, task, task.loop, Checks.saturatedAdd(task.loop.time(), nanos));
    }

    static <T, X extends Exception> T failAfter(Duration timeout, Body<T, X> body) throws X {
        long nanos = Checks.nonNegativeNanos(timeout, "Weft.failAfter", NO_TIMEOUT);
        TaskImpl<?> task = Context.requireTask("Weft.failAfter()");
        return fail(task, Checks.saturatedAdd(task.loop.time(), nanos), body, "Weft.failAfter", "of " + timeout);
    }

    static <T, X extends Exception> T failAt(long deadline, Body<T, X> body) throws X {
        TaskImpl<?> task = Context.requireTask("Weft.failAt()");
        return fail(task, deadline, body, "Weft.failAt", "at loop time " + deadline);
    }

    static <X extends Exception> boolean moveOnAfter(Duration timeout, Action<X> body) throws X {
        long nanos = Checks.nonNegativeNanos(timeout, "Weft.moveOnAfter", NO_TIMEOUT);
        TaskImpl<?> task = Context.requireTask("Weft.moveOnAfter()");
        return !moveOn(task, Checks.saturatedAdd(task.loop.time(), nanos), body, "Weft.moveOnAfter").cancelledCaught();
    }

    static <X extends Exception> boolean moveOnAt(long deadline, Action<X> body) throws X {
        TaskImpl<?> task = Context.requireTask("Weft.moveOnAt()");
        return !moveOn(task, deadline, body, "Weft.moveOnAt").cancelledCaught();
    }

    static <X extends Exception> CancelScope cancelScope(Action<X> body) throws X {
        return moveOn(Context.requireTask("Weft.cancelScope()"), Long.MAX_VALUE, body, "Weft.cancelScope");
    }

    /** A block with its own cancel scope that ends quietly when that scope's cancellation ends it. */
    private static <X extends Exception> CancelNode moveOn(TaskImpl<?> task, long deadline, Action<X> body,
            String call) throws X {
        Checks.notNull(body, call + ": the body");
        CancelNode node = open(task, deadline);
        try {
            body.run();
        } catch (Throwable e) {
            Throwable thrown = unwind(node, e);
            if (thrown != null) {
                throw Context.<X>sneakyThrow(thrown);
            }
        } finally {
            close(task, node);
        }
        return node;
    }

    /** A block with its own cancel scope whose verdict, when that scope's cancellation ends it, is a timeout. */
    private static <T, X extends Exception> T fail(TaskImpl<?> task, long deadline, Body<T, X> body, String call,
            String what) throws X {
        Checks.notNull(body, call + ": the body");
        CancelNode node = open(task, deadline);
        try {
            return body.call();
        } catch (Throwable e) {
            Throwable thrown = unwind(node, e);
            if (thrown != null) {
                throw Context.<X>sneakyThrow(thrown);
            }
            DeadlineExceededException timedOut = new DeadlineExceededException(node.cancelledByDeadline()
                    ? "deadline " + what + " exceeded (" + call + ")"
                    : call + ": its block was cancelled through its own CancelScope (" + node.reason()
                            + "); a block cut short by its own scope is reported as a timeout, as Trio's "
                            + "fail_after does; use Weft.moveOnAfter or Weft.cancelScope to end quietly");
            timedOut.initCause(e);
            throw timedOut;
        } finally {
            close(task, node);
        }
    }

    private static CancelNode open(TaskImpl<?> task, long deadline) {
        CancelNode node = new CancelNode(task.loop, task.current, CancelNode.BLOCK, task, null);
        task.pushNode(node);
        if (deadline != Long.MAX_VALUE) {
            node.setDeadline(deadline);
        }
        return node;
    }

    private static void close(TaskImpl<?> task, CancelNode node) {
        node.disarm();
        task.popNode(node);
    }

    /**
     * What the block that owns {@code node} makes of {@code thrown}, which its body threw (the
     * JDK's InterruptedException counts as the CancelledException when a cancellation of the
     * block or a region outside it caused it): null when
     * it is the node's own cancellation, which the block catches (its cancelledCaught() turns
     * true); otherwise the exception to propagate. Only the node's own cancellation is caught:
     * if a region outside it is cancelled too, the cancellation propagates. A scope that failed
     * while the cancellation unwound it carries its report as a suppressed exception of the
     * cancellation (try-with-resources): that failure propagates instead, as in asyncio, where
     * a TaskGroup's errors pass through an expiring timeout.
     */
    private static Throwable unwind(CancelNode node, Throwable thrown) {
        Throwable e = TaskImpl.asCancellationIfInterrupted(node, thrown); // a JDK call Weft interrupted
        if (!(e instanceof CancelledException cancelled)
                || !node.isCancelled() || CancelNode.firstCancelled(node.parent) != null) {
            return e;
        }
        TaskScopeFailedException failed = ScopeImpl.failureCarriedBy(cancelled);
        if (failed != null) {
            return failed;
        }
        node.markCaught();
        return null;
    }

    static <T> T waitFor(Task<T> task, Duration timeout) {
        Checks.notNull(task, "Weft.waitFor: the task");
        long nanos = Checks.nonNegativeNanos(timeout, "Weft.waitFor", "; to wait without a timeout call Weft.waitFor(task)");
        TaskImpl<?> me = Context.requireTask("Weft.waitFor()");
        return waitFor((TaskImpl<T>) task, me, Checks.saturatedAdd(me.loop.time(), nanos), timeout);
    }

    static <T> T waitFor(Task<T> task) {
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
            inTime = Blocking.await(task::isDone, task, me, me.loop, deadline);
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
        if (interrupted != null && !(interrupted instanceof CancelledException)) {
            throw interrupted; // the caller's failed scope's report: it always wins
        }
        if (task.stateCode() != FutureCore.CANCELLED || interrupted == null && !cancelledHere) {
            // its value or its failure, even after our cancel, and even when it ended just before
            // the caller's cancellation was seen (then cancel() found it done): never dropped
            return task.report();
        }
        if (interrupted != null) {
            throw interrupted;
        }
        DeadlineExceededException timedOut = new DeadlineExceededException("Weft.waitFor: " + task.describe()
                + " did not finish within " + timeout + "; it was cancelled and has ended");
        timedOut.initCause(task.errorUnchecked());
        throw timedOut;
    }

    static <T, X extends Exception> T shield(Body<T, X> body) throws X {
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

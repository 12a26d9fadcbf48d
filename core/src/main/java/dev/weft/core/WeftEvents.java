package dev.weft.core;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Weft's JDK Flight Recorder events ({@code dev.weft.*}), all off unless a recording enables them
 * ({@code -XX:StartFlightRecording}, JDK Mission Control, {@code jcmd PID JFR.start}); see
 * {@code docs/observability.md}.
 *
 * <h2>Implementation notes</h2>
 * Each emitter makes its event and asks it {@code isEnabled()} before filling in any field (JFR's
 * own pattern): with no recording, the event class is not instrumented, {@code isEnabled()} is
 * a constant false, and the JIT removes the allocation; nothing initialises JFR either, so a
 * program nobody records pays neither start-up time nor a per-task cost beyond that check.
 */
final class WeftEvents {
    private WeftEvents() {}


    @Name("dev.weft.TaskStarted")
    @Label("Task Started")
    @Category({"Weft", "Tasks"})
    @Description("A task's body began running on its virtual thread")
    @StackTrace(false)
    static final class TaskStarted extends Event {
        @Label("Loop") String loop;
        @Label("Task") String task;
        @Label("Scope") String scope;
    }

    @Name("dev.weft.TaskEnded")
    @Label("Task Ended")
    @Category({"Weft", "Tasks"})
    @Description("A task finished: its outcome and how long it lived on the loop clock")
    @StackTrace(false)
    static final class TaskEnded extends Event {
        @Label("Loop") String loop;
        @Label("Task") String task;
        @Label("Scope") String scope;
        @Label("Outcome") @Description("SUCCESS, FAILED or CANCELLED") String outcome;
        @Label("Error") @Description("The failure's or cancellation's class and message; null on success") String error;
        @Label("Task Duration") @Timespan(Timespan.NANOSECONDS) long taskDuration;
    }

    @Name("dev.weft.RegionCancelled")
    @Label("Region Cancelled")
    @Category({"Weft", "Cancellation"})
    @Description("A scope's body or tasks, a task, or a cancel/timeout block was cancelled")
    @StackTrace(false)
    static final class RegionCancelled extends Event {
        @Label("Loop") String loop;
        @Label("Kind") @Description("task, scope body, scope tasks, block or shield") String kind;
        @Label("Region") @Description("The task's or scope's name") String region;
        @Label("Reason") String reason;
        @Label("By Deadline") boolean byDeadline;
    }

    @Name("dev.weft.DeadlineExceeded")
    @Label("Deadline Exceeded")
    @Category({"Weft", "Cancellation"})
    @Description("A region's deadline passed and cancelled it")
    @StackTrace(false)
    static final class DeadlineExceeded extends Event {
        @Label("Loop") String loop;
        @Label("Kind") String kind;
        @Label("Region") String region;
        @Label("Deadline") @Description("On the loop clock") long deadline;
    }

    @Name("dev.weft.SlowStep")
    @Label("Slow Step")
    @Category({"Weft", "Confined Loop"})
    @Description("A task or callback held a confined loop's carrier longer than the slow-step threshold")
    @StackTrace(false)
    static final class SlowStep extends Event {
        @Label("Loop") String loop;
        @Label("Holder") String holder;
        @Label("Held") @Timespan(Timespan.NANOSECONDS) long held;
        @Label("Threshold") @Timespan(Timespan.NANOSECONDS) long threshold;
        @Label("Stack") @Description("Where the holder was when it was caught") String stack;
    }

    @Name("dev.weft.UnretrievedFailure")
    @Label("Unretrieved Failure")
    @Category({"Weft", "Tasks"})
    @Description("A task failed and nobody joined it or read its outcome before its scope closed")
    @StackTrace(false)
    static final class UnretrievedFailure extends Event {
        @Label("Loop") String loop;
        @Label("Task") String task;
        @Label("Scope") String scope;
        @Label("Error") String error;
    }

    static void taskStarted(TaskImpl<?> t) {
        TaskStarted e = new TaskStarted();
        if (e.isEnabled()) {
            e.loop = t.loop.name();
            e.task = t.name();
            e.scope = t.scope.name();
            e.commit();
        }
    }

    static void taskEnded(TaskImpl<?> t, int outcome, Throwable err) {
        TaskEnded e = new TaskEnded();
        if (e.isEnabled()) {
            e.loop = t.loop.name();
            e.task = t.name();
            e.scope = t.scope.name();
            e.outcome = outcome == FutureCore.SUCCESS ? "SUCCESS" : outcome == FutureCore.CANCELLED ? "CANCELLED" : "FAILED";
            e.error = err == null ? null : describe(err);
            e.taskDuration = t.loop.time() - t.born;
            e.commit();
        }
    }

    static void regionCancelled(CancelNode n, String reason, boolean byDeadline) {
        RegionCancelled e = new RegionCancelled();
        if (e.isEnabled()) {
            e.loop = n.loop.name();
            e.kind = kind(n);
            e.region = region(n);
            e.reason = reason;
            e.byDeadline = byDeadline;
            e.commit();
        }
        DeadlineExceeded d = new DeadlineExceeded();
        if (byDeadline && d.isEnabled()) {
            d.loop = n.loop.name();
            d.kind = kind(n);
            d.region = region(n);
            d.deadline = n.deadline();
            d.commit();
        }
    }

    static void slowStep(String loop, String holder, long heldNanos, long thresholdNanos, StackTraceElement[] stack) {
        SlowStep e = new SlowStep();
        if (e.isEnabled()) {
            e.loop = loop;
            e.holder = holder;
            e.held = heldNanos;
            e.threshold = thresholdNanos;
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Math.min(stack.length, 20); i++) {
                b.append(stack[i]).append('\n');
            }
            e.stack = b.toString();
            e.commit();
        }
    }

    static void unretrievedFailure(TaskImpl<?> t, Throwable err) {
        UnretrievedFailure e = new UnretrievedFailure();
        if (e.isEnabled()) {
            e.loop = t.loop.name();
            e.task = t.name();
            e.scope = t.scope.name();
            e.error = describe(err);
            e.commit();
        }
    }

    private static String describe(Throwable err) {
        return err.getMessage() == null ? err.getClass().getName() : err.getClass().getName() + ": " + err.getMessage();
    }

    private static String kind(CancelNode n) {
        return switch (n.kind) {
            case CancelNode.TASK -> "task";
            case CancelNode.BODY -> "scope body";
            case CancelNode.CHILDREN -> "scope tasks";
            case CancelNode.BLOCK -> "block";
            default -> "shield";
        };
    }

    private static String region(CancelNode n) {
        if (n.scope != null) {
            return n.scope.name();
        }
        return n.task != null ? n.task.name() : null;
    }
}

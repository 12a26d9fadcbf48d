package dev.weft.core.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
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
 * Each emitter first asks its event type whether it is enabled (one field read of a static
 * final type) and builds nothing otherwise, so that a program nobody records pays a branch per
 * task, not an allocation.
 */
final class WeftEvents {
    private WeftEvents() {}

    private static final EventType TASK_STARTED = EventType.getEventType(TaskStarted.class);
    private static final EventType TASK_ENDED = EventType.getEventType(TaskEnded.class);
    private static final EventType REGION_CANCELLED = EventType.getEventType(RegionCancelled.class);
    private static final EventType DEADLINE_EXCEEDED = EventType.getEventType(DeadlineExceeded.class);
    private static final EventType SLOW_STEP = EventType.getEventType(SlowStep.class);
    private static final EventType UNRETRIEVED_FAILURE = EventType.getEventType(UnretrievedFailure.class);

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
        if (TASK_STARTED.isEnabled()) {
            TaskStarted e = new TaskStarted();
            e.loop = t.loop.name();
            e.task = t.name();
            e.scope = t.scope.name();
            e.commit();
        }
    }

    static void taskEnded(TaskImpl<?> t, int outcome, Throwable err) {
        if (TASK_ENDED.isEnabled()) {
            TaskEnded e = new TaskEnded();
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
        if (REGION_CANCELLED.isEnabled()) {
            RegionCancelled e = new RegionCancelled();
            e.loop = n.loop.name();
            e.kind = kind(n);
            e.region = region(n);
            e.reason = reason;
            e.byDeadline = byDeadline;
            e.commit();
        }
        if (byDeadline && DEADLINE_EXCEEDED.isEnabled()) {
            DeadlineExceeded e = new DeadlineExceeded();
            e.loop = n.loop.name();
            e.kind = kind(n);
            e.region = region(n);
            e.deadline = n.deadline();
            e.commit();
        }
    }

    static void slowStep(String loop, String holder, long heldNanos, long thresholdNanos, StackTraceElement[] stack) {
        if (SLOW_STEP.isEnabled()) {
            SlowStep e = new SlowStep();
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
        if (UNRETRIEVED_FAILURE.isEnabled()) {
            UnretrievedFailure e = new UnretrievedFailure();
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

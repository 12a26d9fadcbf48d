package dev.weft.core;

import java.util.concurrent.Callable;

/**
 * The engine of {@link TaskScope#start(Starter)}: a task spawned into the scope whose body is
 * wrapped so that an outcome before readiness goes to the caller of {@code start} through a
 * {@link Promise}, and one after readiness to the scope as for any task.
 *
 * <h2>Implementation notes</h2>
 * {@code ready} is completed once, under this object's lock: with the value by
 * {@code started}, or with the failure by the wrapper when the body ends before
 * {@code started} ({@link #failBeforeStart}). The caller waits on {@code ready}; if that wait
 * ends without a value (a failure, the caller's cancellation or its failed scope's report), it
 * cancels the task and waits, shielded, for it to end, so nothing it started outlives a failed
 * {@code start}; then a failure in {@code ready} that is not a cancellation is thrown, never
 * dropped.
 */
final class TaskStatusImpl<T> implements TaskStatus<T> {
    private final Promise<T> ready = Promise.create();
    /** Written by the caller once the task exists; read by the task for messages. */
    private volatile String taskName = "the task";
    // guarded by this
    private boolean started;
    private boolean ended;

    private TaskStatusImpl() {}

    static <T> T start(TaskScope scope, String name, Starter<T> body) {
        if (body == null) {
            throw new NullPointerException("TaskScope.start: the starter is null; pass status -> { ...; status.started(value); ... }");
        }
        Weft.currentTask(); // start waits: only a task may call it (throws NoRunningLoopException, saying why)
        TaskStatusImpl<T> status = new TaskStatusImpl<>();
        Callable<Void> wrapped = () -> {
            try {
                body.run(status);
            } catch (Exception | Error e) {
                if (status.failBeforeStart(e)) {
                    return null; // thrown by start() instead: the scope never sees it
                }
                throw e;
            }
            status.failBeforeStart(new IllegalStateException(status.taskName + " returned without calling "
                    + "status.started(): call it once the task is ready, or spawn the task instead of starting it"));
            return null;
        };
        Task<Void> task = name == null ? scope.spawn(wrapped) : scope.spawn(name, wrapped);
        status.taskName = "task '" + task.name() + "'";
        try {
            return status.ready.join();
        } catch (RuntimeException | Error interrupted) {
            if (status.isStarted()) {
                throw interrupted; // only the caller can have been cancelled: the task is in the scope now
            }
            // the task failed before it was ready, the caller gave up waiting (cancelled, or its own
            // failed scope's report), or the scope cancelled the task: it must not outlive start()
            task.cancel("the task that called TaskScope.start() for it was cancelled before it was ready");
            Weft.shield(() -> {
                try {
                    task.join();
                } catch (RuntimeException ignored) {
                    // its outcome went to ready, read below
                }
            });
            Throwable failed = status.ready.state() == java.util.concurrent.Future.State.FAILED
                    ? status.ready.exceptionNow() : null;
            boolean reported = failed != null && (interrupted == failed || interrupted.getCause() == failed);
            if (interrupted instanceof CancelledException || reported) {
                if (failed != null && !(failed instanceof CancelledException)) {
                    // a failure before readiness wins over the caller's cancellation (which stays
                    // pending), as a task's failure does in Weft.waitFor: it is never dropped
                    return Weft.shield(status.ready::join); // throws it, as join() reports it
                }
            } else {
                if (failed != null && !(failed instanceof CancelledException)) {
                    interrupted.addSuppressed(failed);
                }
                throw interrupted; // the caller's failed scope's report: delivered once, it wins
            }
            Weft.checkCancelled(); // the caller's own cancellation: throws it
            throw new IllegalStateException(status.taskName + " was cancelled before it reported started() (its scope "
                    + "was cancelled?): " + interrupted.getMessage(), interrupted);
        }
    }

    @Override
    public void started(T value) {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("status.started() was called twice for " + taskName
                        + ": call it once, when the task is ready");
            }
            if (ended) {
                throw new IllegalStateException("status.started() was called for " + taskName
                        + " after its body ended; its starter was already told that it failed");
            }
            started = true;
            ready.complete(value);
        }
    }

    private synchronized boolean isStarted() {
        return started;
    }

    /** The body ended with {@code failure} before started(): tells the caller; false if too late. */
    private boolean failBeforeStart(Throwable failure) {
        synchronized (this) {
            if (started || ended) {
                return false;
            }
            ended = true;
            ready.fail(failure);
            return true;
        }
    }
}

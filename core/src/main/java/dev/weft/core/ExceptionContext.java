package dev.weft.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What a loop's {@link ExceptionHandler} is told about an exception nobody else could catch
 * (asyncio's exception-handler {@code context} dict): a message, and where known the exception,
 * the task whose failure was never retrieved, or the callback that threw. Immutable.
 *
 * <p>Weft reports two kinds: a callback that threw (message {@code "Exception in callback ..."},
 * with {@link #callback()}), and a task failure nobody retrieved by the time its scope closed
 * (message {@code "Task exception was never retrieved: ..."}, with {@link #task()}). Code of your
 * own may report others through {@link Loop#callExceptionHandler(ExceptionContext)}.
 */
public final class ExceptionContext {
    private final String message;
    private final Throwable exception;
    private final Task<?> task;
    private final Runnable callback;

    private ExceptionContext(String message, Throwable exception, Task<?> task, Runnable callback) {
        this.message = Objects.requireNonNull(message,
                "ExceptionContext: the message is null; say what went wrong, e.g. \"Exception in callback\"");
        this.exception = exception;
        this.task = task;
        this.callback = callback;
    }

    /** A context with a message and, if not null, the exception. */
    public static ExceptionContext of(String message, Throwable exception) {
        return new ExceptionContext(message, exception, null, null);
    }

    /** A context about {@code task} (not null), e.g. a failure nobody retrieved. */
    public static ExceptionContext ofTask(String message, Throwable exception, Task<?> task) {
        return new ExceptionContext(message, exception,
                Objects.requireNonNull(task, "ExceptionContext.ofTask: the task is null; use of(message, exception)"),
                null);
    }

    /** A context about {@code callback} (not null), e.g. a loop callback that threw. */
    public static ExceptionContext ofCallback(String message, Throwable exception, Runnable callback) {
        return new ExceptionContext(message, exception, null, Objects.requireNonNull(callback,
                "ExceptionContext.ofCallback: the callback is null; use of(message, exception)"));
    }

    /** What went wrong, for a log line. */
    public String message() {
        return message;
    }

    /** The exception, if there is one. */
    public Optional<Throwable> exception() {
        return Optional.ofNullable(exception);
    }

    /** The task concerned, if any. */
    public Optional<Task<?>> task() {
        return Optional.ofNullable(task);
    }

    /** The callback that threw, if any. */
    public Optional<Runnable> callback() {
        return Optional.ofNullable(callback);
    }

    @Override
    public String toString() {
        return "ExceptionContext[" + message + (exception != null ? ", exception=" + exception : "")
                + (task != null ? ", task=" + task : "") + (callback != null ? ", callback=" + callback : "") + "]";
    }
}

package dev.weft.core;

/**
 * The loop's default exception handler: where Weft reports, through {@link FailureLog}, an
 * exception nobody could catch. A task failure nobody retrieved is a WARN (the program may have
 * meant to ignore it), a callback that threw and anything else an ERROR, each with the
 * exception's stack.
 */
final class DefaultExceptionHandler {
    private DefaultExceptionHandler() {}

    static void log(ExceptionContext context) {
        Throwable exception = context.exception().orElse(null);
        if (context.task().isPresent()) {
            FailureLog.warn("{}", context.message(), exception);
        } else {
            FailureLog.error("{}", context.message(), exception);
        }
    }
}

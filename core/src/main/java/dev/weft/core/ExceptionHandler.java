package dev.weft.core;

/**
 * Where a loop sends exceptions that no caller can catch (asyncio's
 * {@code loop.set_exception_handler}): callbacks that threw and task failures nobody retrieved.
 * Without one, the loop's {@linkplain Loop#defaultExceptionHandler(ExceptionContext) default
 * handler} logs them.
 *
 * <pre>{@code
 * loop.setExceptionHandler((l, context) -> {
 *     metrics.increment("weft.unhandled");
 *     l.defaultExceptionHandler(context);     // and log as usual
 * });
 * }</pre>
 *
 * <h2>Threads</h2>
 * The handler runs on the thread that found the exception: the thread running the loop's
 * callbacks for a callback, the task closing the scope (or the thread closing the loop) for a
 * failure nobody retrieved. On a parallel loop several may run at once: make it thread-safe.
 * It must not block.
 *
 * <h2>Exceptions</h2>
 * An exception the handler throws is logged by the default handler, with the context it was
 * handling, and the loop goes on.
 */
@FunctionalInterface
public interface ExceptionHandler {
    /** Handles one exception of {@code loop}, described by {@code context}. */
    void handle(Loop loop, ExceptionContext context);
}

package dev.weft.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A loop's exception handler (asyncio's set_exception_handler); the trace is CPython's too. */
@Timeout(10)
class LoopExceptionHandlerTest {
    @RegisterExtension
    final LogCapture log = new LogCapture();

    private static String describe(ExceptionContext context) {
        String message = context.message();
        for (String known : List.of("Exception in callback", "Task exception was never retrieved")) {
            if (message.startsWith(known)) {
                message = known;
            }
        }
        String where = context.task().isPresent() ? "task" : context.callback().isPresent() ? "callback" : "none";
        return message + " | " + context.exception().map(Throwable::getMessage).orElse("None") + " | " + where;
    }

    @Test
    void handlerGetsCallbackExceptionsAndUnretrievedTaskFailuresAsAsyncioDoes() throws Exception {
        List<String> trace = new CopyOnWriteArrayList<>();
        try (Loop loop = Loop.open()) {
            ExceptionHandler handler = (l, context) -> trace.add("handler: " + describe(context));
            loop.setExceptionHandler(handler);
            trace.add("handler set: " + (loop.exceptionHandler().orElse(null) == handler ? "True" : "False"));

            Runnable boom = () -> {
                throw new IllegalArgumentException("callback boom");
            };
            loop.callSoon(boom);
            loop.callSoon(() -> trace.add("callback after the failing one ran"));
            loop.callSoon(loop::stop);
            loop.runForever();

            loop.runUntilComplete(() -> {
                try (TaskScope scope = TaskScope.openSupervisor()) {
                    scope.spawn(() -> {
                        throw new IllegalArgumentException("task boom");
                    });
                    scope.join();
                } // closing reports the failure nobody retrieved
            });

            loop.setExceptionHandler((l, context) -> {
                trace.add("raising handler: " + describe(context));
                throw new IllegalStateException("handler boom");
            });
            loop.callSoon(boom);
            loop.callSoon(() -> trace.add("loop went on after the handler raised"));
            loop.callSoon(loop::stop);
            loop.runForever();

            loop.setExceptionHandler(null);
            trace.add("default restored: " + (loop.exceptionHandler().isEmpty() ? "True" : "False"));
        }
        PythonTwin.assertSameTrace("loop_exception_handler", trace);
        List<ILoggingEvent> errors = log.events(Level.ERROR);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).getFormattedMessage().startsWith("Unhandled error in exception handler"),
                errors.get(0).getFormattedMessage());
        assertEquals("handler boom", errors.get(0).getThrowableProxy().getMessage());
    }

    @Test
    void contextNamesTheCallbackOrTheTaskAndCarriesTheException() {
        List<ExceptionContext> seen = new ArrayList<>();
        AtomicReference<Task<?>> failed = new AtomicReference<>();
        IllegalStateException callbackError = new IllegalStateException("cb");
        Runnable throwing = () -> {
            throw callbackError;
        };
        try (Loop loop = Loop.open()) {
            loop.setExceptionHandler((l, context) -> {
                assertSame(loop, l);
                synchronized (seen) {
                    seen.add(context);
                }
            });
            loop.callSoon(throwing);
            loop.callSoon(loop::stop);
            loop.runForever();
            failed.set(loop.spawn("lonely", () -> {
                throw new IllegalStateException("never joined");
            }));
            await().atMost(Duration.ofSeconds(5)).until(failed.get()::isDone); // failed, nobody looked
        } // closing the loop reports the root task nobody retrieved
        assertEquals(2, seen.size(), seen.toString());
        assertSame(throwing, seen.get(0).callback().orElseThrow());
        assertSame(callbackError, seen.get(0).exception().orElseThrow());
        assertTrue(seen.get(0).task().isEmpty());
        assertSame(failed.get(), seen.get(1).task().orElseThrow());
        assertEquals("never joined", seen.get(1).exception().orElseThrow().getMessage());
        assertTrue(seen.get(1).message().contains("lonely"), seen.get(1).message());
        assertTrue(log.events(Level.WARN).isEmpty() && log.events(Level.ERROR).isEmpty(), "a handler replaces the log");
    }

    @Test
    void callExceptionHandlerWithoutAHandlerLogsThroughTheDefault() {
        try (Loop loop = Loop.open()) {
            loop.callExceptionHandler(ExceptionContext.of("my subsystem lost a message", new RuntimeException("lost")));
        }
        List<ILoggingEvent> errors = log.events(Level.ERROR);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("my subsystem lost a message", errors.get(0).getFormattedMessage());
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * Without an SLF4J provider, failures go to System.Logger once each, after one line that says
 * how to route them; with a provider they go to SLF4J only. (The consumer-test module proves
 * the same end to end: a program without a provider prints its failure to stderr.)
 */
class FailureLogFallbackTest {
    record Entry(Level level, String message, Throwable thrown) {}

    /** A System.Logger that records what it is given. */
    static final class Recorder implements System.Logger {
        final List<Entry> entries = new ArrayList<>();

        @Override
        public String getName() {
            return "dev.weft.core";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            entries.add(new Entry(level, msg, thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            entries.add(new Entry(level, format, null));
        }

        @Override
        public void log(Level level, Supplier<String> supplier) {
            entries.add(new Entry(level, supplier.get(), null));
        }
    }

    @Test
    void withoutAProviderEachFailureReachesSystemLoggerOnceAfterOneRoutingHint() {
        Recorder fallback = new Recorder();
        FailureLog log = new FailureLog(null, fallback);
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second");

        log.log(Level.WARNING, "Task exception was never retrieved: {} failed", "task-1", first);
        log.log(Level.ERROR, "Exception in callback {}", "cb", second);
        log.log(Level.WARNING, "no throwable: {}", 42);

        assertEquals(4, fallback.entries.size(), fallback.entries.toString());
        assertEquals(new Entry(Level.WARNING, FailureLog.ROUTE_HINT, null), fallback.entries.get(0));
        assertTrue(FailureLog.ROUTE_HINT.contains("add an SLF4J 2 provider"), FailureLog.ROUTE_HINT);
        assertEquals(new Entry(Level.WARNING, "Task exception was never retrieved: task-1 failed", first),
                fallback.entries.get(1));
        assertEquals(new Entry(Level.ERROR, "Exception in callback cb", second), fallback.entries.get(2));
        assertEquals(new Entry(Level.WARNING, "no throwable: 42", null), fallback.entries.get(3));
    }

    @Test
    void withAProviderFailuresGoToSlf4jOnly() {
        Recorder fallback = new Recorder();
        List<String> calls = new ArrayList<>();
        Logger slf4j = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    calls.add(method.getName() + ":" + args[0]);
                    assertSame(Object[].class, args[1].getClass());
                    return null;
                });
        FailureLog log = new FailureLog(slf4j, fallback);

        log.log(Level.WARNING, "warned {}", "x", new IllegalStateException());
        log.log(Level.ERROR, "failed {}", "y", new IllegalStateException());

        assertEquals(List.of("warn:warned {}", "error:failed {}"), calls);
        assertTrue(fallback.entries.isEmpty(), fallback.entries.toString());
    }
}

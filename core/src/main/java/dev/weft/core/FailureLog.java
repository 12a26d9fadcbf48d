package dev.weft.core;

import java.lang.System.Logger.Level;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Where core reports a failure that no caller will see: a task exception never retrieved, a
 * callback or timer that threw, a confined step that failed or held the loop too long, a
 * shutdown that timed out. Messages use SLF4J's {@code {}} placeholders; a trailing
 * {@link Throwable} argument is logged with its stack trace.
 *
 * <p>With an SLF4J provider bound, every report goes to logger {@code dev.weft.core}. Without
 * one (SLF4J 2 then prints its NOP notice and drops everything), the report goes to
 * {@link System.Logger} {@code dev.weft.core} instead (java.util.logging, which writes to stderr
 * unless configured otherwise), once per report, and the first report is preceded by one line
 * saying how to route them. An application that binds {@code slf4j-nop} on purpose gets silence.
 *
 * <p>Thread-safe; callable from any thread, including a loop's carrier.
 */
final class FailureLog {
    /** The one-time line printed before the first report when no SLF4J provider is bound. */
    static final String ROUTE_HINT = "Weft: no SLF4J provider is bound, so Weft reports failures that no caller "
            + "retrieved through System.Logger \"dev.weft.core\" (java.util.logging, stderr by default). "
            + "To route them to your logging, add an SLF4J 2 provider such as ch.qos.logback:logback-classic "
            + "or org.slf4j:slf4j-simple to the runtime class path or module path.";

    /** Null when no SLF4J provider is bound. */
    private final Logger slf4j;
    private final System.Logger fallback;
    private final AtomicBoolean hinted = new AtomicBoolean();

    FailureLog(Logger slf4j, System.Logger fallback) {
        this.slf4j = slf4j;
        this.fallback = fallback;
    }

    private static final class Holder {
        static final FailureLog INSTANCE = new FailureLog(slf4jBound() ? LoopImpl.LOG : null,
                System.getLogger(LoopImpl.LOG.getName()));
    }

    /** Reports a failure that lost work or a result (SLF4J's ERROR). */
    static void error(String format, Object... args) {
        Holder.INSTANCE.log(Level.ERROR, format, args);
    }

    /** Reports a failure that lost nothing yet but needs attention (SLF4J's WARN). */
    static void warn(String format, Object... args) {
        Holder.INSTANCE.log(Level.WARNING, format, args);
    }

    void log(Level level, String format, Object... args) {
        if (slf4j != null) {
            if (level == Level.ERROR) {
                slf4j.error(format, args);
            } else {
                slf4j.warn(format, args);
            }
            return;
        }
        if (hinted.compareAndSet(false, true)) {
            fallback.log(Level.WARNING, ROUTE_HINT);
        }
        FormattingTuple message = MessageFormatter.arrayFormat(format, args);
        if (message.getThrowable() != null) {
            fallback.log(level, message.getMessage(), message.getThrowable());
        } else {
            fallback.log(level, message.getMessage());
        }
    }

    /**
     * Whether SLF4J routes events somewhere: a real provider, or slf4j-nop chosen on purpose
     * (SLF4J's fallback when it finds no provider is also a NOP factory, but not a provider).
     */
    private static boolean slf4jBound() {
        if (!(LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory)) {
            return true;
        }
        try {
            return ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader())
                    .findFirst().isPresent();
        } catch (RuntimeException | ServiceConfigurationError e) {
            return false;
        }
    }
}

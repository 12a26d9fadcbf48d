package dev.weft.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures what Weft logs to logger "dev.weft.core" during one test: register with
 * {@code @RegisterExtension final LogCapture log = new LogCapture();}.
 */
final class LogCapture implements BeforeEachCallback, AfterEachCallback {
    static {
        // Logback is a named module on the test module path; dev.weft.core (with the tests
        // patched in) does not read it by default. A module may add reads for itself.
        for (String name : new String[] {"ch.qos.logback.classic", "ch.qos.logback.core"}) {
            ModuleLayer.boot().findModule(name).ifPresent(LogCapture.class.getModule()::addReads);
        }
    }

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger logger;

    @Override
    public void beforeEach(ExtensionContext context) {
        logger = (Logger) LoggerFactory.getLogger("dev.weft.core");
        appender.list.clear();
        appender.start();
        logger.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.detachAppender(appender);
        logger.setAdditive(true);
        appender.stop();
    }

    /** Keeps this test's Weft log events off the console (they are still captured). */
    void quiet() {
        logger.setAdditive(false);
    }

    /** A snapshot of the events at {@code level} or above. */
    List<ILoggingEvent> events(Level level) {
        synchronized (appender) { // AppenderBase.doAppend holds this lock
            return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
        }
    }
}

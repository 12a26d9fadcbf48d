package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ConfinedLoopSlowStepTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.weft.core");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    /** Holds the carrier without blocking until the watchdog has reported it. */
    private void spinUntilReported() {
        while (appender.list.stream().noneMatch(e -> e.getLevel() == Level.WARN)) {
            Thread.onSpinWait();
        }
    }

    @Test
    void taskHoldingTheLoopPastTheThresholdIsLoggedWithItsNameAndStack() {
        Weft.run(LoopOptions.confined().withSlowStepThreshold(Duration.ofMillis(50)), () -> {
            try (var scope = TaskScope.open()) {
                scope.spawn("cpu-hog", this::spinUntilReported);
                scope.join();
            }
        });
        ILoggingEvent event = appender.list.stream().filter(e -> e.getLevel() == Level.WARN).findFirst().orElseThrow();
        assertTrue(event.getFormattedMessage().contains("task 'cpu-hog' has held confined loop"), event.getFormattedMessage());
        assertTrue(Arrays.stream(event.getThrowableProxy().getStackTraceElementProxyArray())
                .anyMatch(f -> f.getStackTraceElement().getMethodName().equals("spinUntilReported")),
                "the stack should show where the task is");
    }

    @Test
    void tasksThatBlockOftenAreNeverReported() {
        Weft.run(LoopOptions.confined().withSlowStepThreshold(Duration.ofMillis(50)), () -> {
            for (int i = 0; i < 20; i++) {
                Weft.sleep(Duration.ofMillis(10));
            }
        });
        assertTrue(appender.list.stream().noneMatch(e -> e.getLevel() == Level.WARN), appender.list.toString());
    }

    @Test
    void slowStepOptionsRejectBadInput() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LoopOptions.confined().withSlowStepThreshold(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        var p = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> LoopOptions.parallel().withSeed(1));
        assertTrue(p.getMessage().contains("LoopOptions.confined().withSeed"), p.getMessage());
    }
}

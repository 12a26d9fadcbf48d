package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A failure nobody retrieved is logged as a WARN with its stack trace when its scope closes. */
@Timeout(10)
class TaskUnretrievedFailureLogTest {
    @RegisterExtension
    final LogCapture log = new LogCapture();

    private void assertOneWarningFor(String message) {
        List<ILoggingEvent> warnings = log.events(Level.WARN);
        assertEquals(1, warnings.size(), warnings.toString());
        ILoggingEvent e = warnings.get(0);
        assertEquals(Level.WARN, e.getLevel());
        assertTrue(e.getFormattedMessage().contains("never retrieved"), e.getFormattedMessage());
        assertNotNull(e.getThrowableProxy(), "the warning must carry the exception");
        assertEquals(message, e.getThrowableProxy().getMessage());
        assertTrue(e.getThrowableProxy().getStackTraceElementProxyArray().length > 0, "no stack trace");
    }

    @Test
    void unretrievedFailureInASupervisorScopeIsLoggedWhenTheScopeCloses() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.openSupervisor()) {
                scope.spawn("lonely", () -> {
                    throw new IllegalStateException("nobody looked");
                });
                scope.join();
                assertTrue(log.events(Level.WARN).isEmpty(), "logged before the scope closed");
            }
            assertOneWarningFor("nobody looked");
            assertTrue(log.events(Level.WARN).get(0).getFormattedMessage().contains("lonely"));
        });
    }

    @Test
    void retrievedFailureInASupervisorScopeIsNotLogged() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<Object> joined = scope.spawn(() -> {
                    throw new IllegalStateException("joined");
                });
                Task<Object> inspected = scope.spawn(() -> {
                    throw new IllegalStateException("inspected");
                });
                Task<Object> got = scope.spawn(() -> {
                    throw new IllegalStateException("got");
                });
                scope.join();
                assertThrows(IllegalStateException.class, joined::join);
                inspected.exceptionNow();
                assertThrows(java.util.concurrent.ExecutionException.class, got::get);
            }
        });
        assertTrue(log.events(Level.WARN).isEmpty(), log.events(Level.WARN).toString());
    }

    @Test
    void unretrievedFailureOfALoopRootTaskIsLoggedWhenTheLoopCloses() throws Exception {
        Loop loop = Loop.open();
        Task<Object> t = loop.spawn(() -> {
            throw new IllegalArgumentException("root task failed");
        });
        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(t::isDone);
        loop.close();
        assertOneWarningFor("root task failed");
    }

    @Test
    void unretrievedFailureOfALeftoverTaskOfWeftRunIsLogged() {
        Weft.run(() -> {
            Task<Object> t = Loop.current().spawn(() -> {
                Weft.sleep(Duration.ofMillis(1));
                throw new IllegalArgumentException("background failed");
            });
            // wait without retrieving: the failure stays unseen
            Weft.wait(List.of(t), ReturnWhen.ALL_COMPLETED);
        });
        assertOneWarningFor("background failed");
    }

    @Test
    void failureReportedByAFailFastScopeIsNotLoggedAgain() {
        assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> {
                    throw new IllegalStateException("reported");
                });
                scope.join();
            }
        }));
        assertTrue(log.events(Level.WARN).isEmpty(), log.events(Level.WARN).toString());
    }

    @Test
    void failureOfAJoinedRootTaskIsNotLogged() {
        Weft.run(() -> {
            Task<Object> t = Loop.current().spawn(() -> {
                throw new IllegalArgumentException("seen");
            });
            assertThrows(IllegalArgumentException.class, t::join);
        });
        assertTrue(log.events(Level.WARN).isEmpty(), log.events(Level.WARN).toString());
    }
}

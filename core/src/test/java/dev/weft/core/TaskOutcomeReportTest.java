package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What join(), get() and get(timeout) give back, and when they return (virtual time). */
@Timeout(10)
class TaskOutcomeReportTest {

    @Test
    void anErrorFromATaskComesBackFromJoinUnwrapped() {
        Weft.run(() -> {
            AssertionError error = new AssertionError("an Error, not an Exception");
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<Object> t = scope.spawn(() -> {
                    throw error;
                });
                scope.join();
                assertSame(error, assertThrows(AssertionError.class, t::join));
                ExecutionException viaGet = assertThrows(ExecutionException.class, t::get);
                assertSame(error, viaGet.getCause());
            }
        });
    }

    @Test
    void aCheckedExceptionComesBackFromJoinWrappedWithTheTaskNamed() {
        Weft.run(() -> {
            Exception checked = new Exception("checked");
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<Object> t = scope.spawn("worker", () -> {
                    throw checked;
                });
                scope.join();
                TaskFailedException e = assertThrows(TaskFailedException.class, t::join);
                assertSame(checked, e.getCause());
                assertTrue(e.getMessage().contains("'worker'"), e.getMessage());
            }
        });
    }

    @Test
    void getWithATimeoutReturnsAsSoonAsTheTaskFinishes() throws Exception {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope scope = TaskScope.open()) {
                    Task<String> t = scope.spawn(() -> {
                        Weft.sleep(Duration.ofSeconds(1));
                        return "early";
                    });
                    assertEquals("early", t.get(1, TimeUnit.HOURS));
                    assertEquals(Duration.ofSeconds(1).toNanos(), test.now(), "get(timeout) waited past the task's end");
                    scope.join();
                }
            });
        }
    }

    @Test
    void getWithATimeoutThrowsAtTheTimeoutWhenTheTaskIsStillRunning() throws Exception {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope scope = TaskScope.open()) {
                    Task<String> t = scope.spawn(() -> {
                        Weft.sleep(Duration.ofHours(1));
                        return "late";
                    });
                    TimeoutException e = assertThrows(TimeoutException.class, () -> t.get(2, TimeUnit.SECONDS));
                    assertTrue(e.getMessage().contains("did not finish within 2 SECONDS"), e.getMessage());
                    assertEquals(Duration.ofSeconds(2).toNanos(), test.now());
                    t.cancel("done with it");
                    scope.join();
                }
            });
        }
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cancellation wakes every task under the cancelled scope at once: on virtual time a sleeping
 * task is cancelled at the instant of the cancel, not when its sleep would have ended.
 */
@Timeout(10)
class CancelWakeTest {

    @Test
    void cancellingAScopeWakesItsSleepingTasks() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope scope = TaskScope.open()) {
                    Task<Void> sleeper = scope.spawn(() -> Weft.sleep(Duration.ofHours(1)));
                    test.awaitAllBlocked();
                    scope.cancel();
                    scope.join();
                    assertEquals(Task.State.CANCELLED, sleeper.state());
                }
                assertEquals(0, test.now(), "the sleeper was not woken by the cancel");
            });
        }
    }

    @Test
    void cancellingATaskWakesTheTasksOfTheScopesItHasOpen() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope scope = TaskScope.open()) {
                    Task<Void> parent = scope.spawn(() -> {
                        try (TaskScope inner = TaskScope.open()) {
                            inner.spawn(() -> Weft.sleep(Duration.ofHours(1)));
                            inner.join();
                        }
                    });
                    test.awaitAllBlocked();
                    parent.cancel("by the test");
                    scope.join();
                    assertEquals(Task.State.CANCELLED, parent.state());
                }
                assertEquals(0, test.now(), "the grandchild was not woken by the cancel");
            });
        }
    }

    @Test
    void aPassingDeadlineWakesTheTasksOfAScopeInsideItsBlock() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                boolean finished = Weft.moveOnAfter(Duration.ofSeconds(1), () -> {
                    try (TaskScope inner = TaskScope.open()) {
                        inner.spawn(() -> Weft.sleep(Duration.ofHours(1)));
                        inner.join();
                    }
                });
                assertFalse(finished);
                assertEquals(Duration.ofSeconds(1).toNanos(), test.now());
            });
        }
    }
}

package dev.weft.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.CancelScope;
import dev.weft.core.DeadlineExceededException;
import dev.weft.core.Loop;
import dev.weft.core.Promise;
import dev.weft.core.ReturnWhen;
import dev.weft.core.Task;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TestLoopVirtualTimeTest {
    private static final long HOUR = Duration.ofHours(1).toNanos();

    @Test
    void oneHourTimeoutFinishesAtOnceAtExactlyOneHourOfVirtualTime() {
        long realStart = System.nanoTime();
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                assertThrows(DeadlineExceededException.class,
                        () -> Weft.failAfter(Duration.ofHours(1), () -> Weft.sleep(Duration.ofDays(1))));
                assertEquals(HOUR, test.now());
            });
        }
        assertTrue(System.nanoTime() - realStart < Duration.ofSeconds(5).toNanos(), "virtual time should not wait");
    }

    @Test
    void sleepsWakeInDeadlineOrderAtTheirVirtualTimes() {
        try (TestLoop test = TestLoop.open()) {
            List<String> woke = test.run(() -> {
                List<String> log = new ArrayList<>();
                try (var scope = TaskScope.open()) {
                    for (int s : new int[] {30, 10, 20}) {
                        scope.spawn(() -> {
                            Weft.sleep(Duration.ofSeconds(s));
                            log.add(s + "s@" + test.now() / 1_000_000_000L);
                        });
                    }
                    scope.join();
                }
                return log;
            });
            assertEquals(List.of("10s@10", "20s@20", "30s@30"), woke);
        }
    }

    @Test
    void nestedDeadlinesFireInnerFirstAndReportTheEffectiveDeadline() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                boolean outerFinished = Weft.moveOnAfter(Duration.ofMinutes(10), () -> {
                    boolean innerFinished = Weft.moveOnAfter(Duration.ofMinutes(1), () -> {
                        assertEquals(Duration.ofMinutes(1).toNanos(), CancelScope.current().effectiveDeadline());
                        Weft.sleep(Duration.ofHours(1));
                    });
                    assertFalse(innerFinished);
                    assertEquals(Duration.ofMinutes(1).toNanos(), test.now());
                    Weft.sleep(Duration.ofHours(1));
                });
                assertFalse(outerFinished);
                assertEquals(Duration.ofMinutes(10).toNanos(), test.now());
            });
        }
    }

    @Test
    void movedDeadlineFiresAtItsNewTime() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Weft.moveOnAfter(Duration.ofSeconds(5), () -> {
                    CancelScope.current().setDeadlineAfter(Duration.ofSeconds(50));
                    Weft.sleep(Duration.ofHours(1));
                });
                assertEquals(Duration.ofSeconds(50).toNanos(), test.now());
            });
        }
    }

    @Test
    void callLaterAndCallAtRunInDueOrderAndFifoForEqualTimes() {
        try (TestLoop test = TestLoop.open()) {
            List<String> ran = test.run(() -> {
                List<String> log = new ArrayList<>();
                Loop loop = Loop.current();
                loop.callLater(Duration.ofSeconds(2), () -> log.add("b@2"));
                loop.callAt(loop.time() + Duration.ofSeconds(1).toNanos(), () -> log.add("a@1"));
                loop.callLater(Duration.ofSeconds(2), () -> log.add("c@2"));
                loop.callLater(Duration.ofSeconds(3), () -> log.add("d@3"));
                Weft.sleep(Duration.ofSeconds(4));
                return log;
            });
            assertEquals(List.of("a@1", "b@2", "c@2", "d@3"), ran);
        }
    }

    @Test
    void timedWaitsOnPromisesAndTasksHonourVirtualTime() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Promise<String> never = Promise.create();
                assertThrows(TimeoutException.class, () -> never.get(30, TimeUnit.MINUTES));
                assertEquals(Duration.ofMinutes(30).toNanos(), test.now());
                try (var scope = TaskScope.open()) {
                    Task<Void> slow = scope.spawn(() -> Weft.sleep(Duration.ofHours(2)));
                    var result = Weft.wait(List.of(slow), ReturnWhen.ALL_COMPLETED, Duration.ofHours(1));
                    assertEquals(1, result.pending().size());
                    assertEquals(Duration.ofMinutes(90).toNanos(), test.now());
                    scope.join();
                }
                assertEquals(Duration.ofMinutes(150).toNanos(), test.now());
            });
        }
    }

    @Test
    void manualClockMovesOnlyThroughAdvance() {
        try (TestLoop test = TestLoop.openManual()) {
            test.run(() -> {
                try (var scope = TaskScope.open()) {
                    Task<Void> sleeper = scope.spawn(() -> Weft.sleep(Duration.ofSeconds(10)));
                    test.awaitAllBlocked();
                    test.advance(Duration.ofSeconds(5));
                    assertFalse(sleeper.isDone());
                    test.advance(Duration.ofSeconds(5));
                    assertTrue(sleeper.isDone());
                    scope.join();
                }
                assertEquals(Duration.ofSeconds(10).toNanos(), test.now());
            });
        }
    }

    @Test
    void awaitAllBlockedReturnsOnceEveryOtherTaskIsParked() {
        try (TestLoop test = TestLoop.openManual()) {
            test.run(() -> {
                List<Integer> progress = new ArrayList<>();
                Promise<Void> gate = Promise.create();
                try (var scope = TaskScope.open()) {
                    for (int i = 0; i < 3; i++) {
                        int id = i;
                        scope.spawn(() -> {
                            for (int step = 0; step < 5; step++) {
                                Weft.yieldNow();
                            }
                            progress.add(id);
                            gate.join();
                        });
                    }
                    test.awaitAllBlocked();
                    assertEquals(3, progress.size(), "every task ran until it blocked on the gate");
                    gate.complete(null);
                    scope.join();
                }
            });
        }
    }

    @Test
    void toThreadWorkHoldsTheVirtualClock() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (var scope = TaskScope.open()) {
                    Task<Long> timer = scope.spawn(() -> {
                        Weft.sleep(Duration.ofSeconds(1));
                        return test.now();
                    });
                    String value = Weft.toThread(() -> {
                        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // real work takes real time
                        return "done";
                    });
                    assertEquals("done", value);
                    scope.join();
                    assertEquals(Duration.ofSeconds(1).toNanos(), timer.resultNow());
                }
            });
        }
    }

    @Test
    void advanceRejectsNegativeDurationsAndForeignCallers() {
        try (TestLoop test = TestLoop.openManual()) {
            test.run(() -> {
                var e = assertThrows(IllegalArgumentException.class, () -> test.advance(Duration.ofSeconds(-1)));
                assertTrue(e.getMessage().contains("negative"), e.getMessage());
            });
            var outside = assertThrows(IllegalStateException.class, () -> test.advance(Duration.ofSeconds(1)));
            assertTrue(outside.getMessage().contains("Weft.run") || outside.getMessage().contains("task"), outside.getMessage());
        }
    }
}

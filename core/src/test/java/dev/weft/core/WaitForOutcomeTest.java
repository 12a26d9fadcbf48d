package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Weft.waitFor} keeps the task's own outcome: once the deadline has cancelled the task,
 * a value it still returns, or a failure other than the cancellation, wins over the timeout
 * (asyncio's {@code wait_for}; twin: {@code wait_for_outcome.py}).
 */
@Timeout(60)
class WaitForOutcomeTest {
    private static final Duration SHORT = Duration.ofMillis(20);
    private static final Duration LONG = Duration.ofMinutes(1);

    @Test
    void alreadyDoneTaskWithZeroTimeoutGivesItsResult() {
        assertEquals("done", Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<String> t = scope.spawn(() -> "done");
                scope.join();
                return Weft.waitFor(t, Duration.ZERO);
            }
        }));
    }

    @Test
    void taskThatReturnsAfterTheCancellationGivesThatValue() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<String> t = SyncTesting.spawnSleeper(scope, () -> "kept");
                assertEquals("kept", Weft.waitFor(t, SHORT));
                assertEquals(Task.State.SUCCESS, t.state());
                scope.join();
            }
        });
    }

    @Test
    void taskWhoseCleanupFailsGivesThatFailure() {
        IllegalStateException cleanup = new IllegalStateException("cleanup failed");
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<String> t = SyncTesting.spawnSleeper(scope, () -> {
                    throw cleanup;
                });
                assertSame(cleanup, assertThrows(IllegalStateException.class, () -> Weft.waitFor(t, SHORT)));
                scope.join();
            }
        });
    }

    @Test
    void waitForWithoutTimeoutGivesTheResult() {
        assertEquals(7, Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Integer> t = scope.spawn(() -> {
                    Weft.sleep(Duration.ofMillis(1));
                    return 7;
                });
                int v = Weft.waitFor(t);
                scope.join();
                return v;
            }
        }));
    }

    @Test
    void callerCancelledWhileWaitingStillGetsAResultTheTaskReturned() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<String> inner = SyncTesting.spawnSleeper(scope, () -> "kept");
                Promise<Void> callerStarted = Promise.create();
                Task<String> caller = scope.spawn(() -> {
                    callerStarted.complete(null); // cancelled before or inside waitFor: the same
                    String v = Weft.waitFor(inner, LONG);
                    assertThrows(CancelledException.class, Weft::checkCancelled, "the caller's cancellation is still pending");
                    return v;
                });
                callerStarted.join();
                caller.cancel("from outside");
                assertEquals("kept", caller.join());
                scope.join();
            }
        });
    }

    /**
     * The task never reaches a cancellation point and returns within microseconds of the
     * deadline, before or after it: its value must come back every time.
     */
    @Test
    void resultRacingTheDeadlineIsNeverReportedAsATimeout() {
        raceResultsAgainstTheDeadline(300);
    }

    @Test
    @Tag("stress")
    @Timeout(600)
    void resultRacingTheDeadlineIsNeverReportedAsATimeoutManyRounds() {
        raceResultsAgainstTheDeadline(20_000);
    }

    private static void raceResultsAgainstTheDeadline(int rounds) {
        SplittableRandom random = new SplittableRandom(15);
        List<String> lost = Collections.synchronizedList(new ArrayList<>());
        Weft.run(() -> {
            Loop loop = Loop.current();
            for (int i = 0; i < rounds; i++) {
                long timeout = Duration.ofMillis(1).toNanos();
                long jitter = random.nextLong(-100_000, 100_000);
                try (TaskScope scope = TaskScope.open()) {
                    int round = i;
                    long start = loop.time();
                    Task<Integer> t = scope.spawn(() -> {
                        while (loop.time() < start + timeout + jitter) {
                            Thread.onSpinWait(); // never a cancellation point
                        }
                        return round;
                    });
                    try {
                        assertEquals(round, Weft.waitFor(t, Duration.ofNanos(timeout)));
                    } catch (DeadlineExceededException e) {
                        if (t.state() != Task.State.CANCELLED) { // CANCELLED: cancelled before it started
                            lost.add("round " + round + ": " + t.state());
                        }
                    }
                    scope.join();
                }
            }
        });
        assertTrue(lost.isEmpty(), lost.size() + " of " + rounds + " results lost to the timeout: " + lost);
    }

    @Test
    void sameTraceAsAsyncioWaitFor() throws Exception {
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<String> quick = scope.spawn(() -> "done");
                Weft.yieldNow();
                quick.join();
                trace.add("done task: done=" + (quick.isDone() ? "True" : "False"));
                trace.add(outcome("wait_for(done, 0)", () -> Weft.waitFor(quick, Duration.ZERO)));

                Task<String> stubborn = SyncTesting.spawnSleeper(scope, () -> {
                    trace.add("task: cancelled, returns a value");
                    return "kept";
                });
                trace.add(outcome("wait_for", () -> Weft.waitFor(stubborn, SHORT)));
                trace.add("task state: " + (stubborn.state() == Task.State.CANCELLED ? "cancelled" : "success"));

                Task<String> failing = SyncTesting.spawnSleeper(scope, () -> {
                    trace.add("task: cancelled, cleanup raises");
                    throw new IllegalArgumentException("cleanup failed");
                });
                try {
                    Weft.waitFor(failing, SHORT);
                    trace.add("wait_for returned");
                } catch (DeadlineExceededException e) {
                    trace.add("wait_for timed out");
                } catch (IllegalArgumentException e) {
                    trace.add("wait_for raised the task's failure: " + e.getMessage());
                }
                scope.join();
            }
        });
        PythonTwin.assertSameTrace("wait_for_outcome", trace);
    }

    private static String outcome(String call, java.util.concurrent.Callable<String> waitFor) throws Exception {
        try {
            return call + " returned " + waitFor.call();
        } catch (DeadlineExceededException e) {
            return call + " timed out";
        }
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which verdict {@code Weft.waitFor} gives when more than one thing ends the wait, and what the
 * task it cancels is told (virtual time): a timeout is a {@link DeadlineExceededException} caused
 * by the task's own cancellation; a cancelled caller gets its own cancellation, never the task's;
 * a cancellation from a third party reaches the caller as the task's outcome; a caller's failed
 * scope wins over a value the task returns late.
 */
@Timeout(10)
class WaitForVerdictTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void timeoutIsADeadlineExceededCausedByTheTasksCancellation() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope scope = TaskScope.openSupervisor()) {
                    Task<String> slow = spawnHourLong(scope);
                    DeadlineExceededException e = assertThrows(DeadlineExceededException.class,
                            () -> Weft.waitFor(slow, Duration.ofSeconds(1)));
                    assertEquals(Duration.ofSeconds(1).toNanos(), test.now(), "the timeout fired at the wrong time");
                    assertTrue(e.getMessage().contains("did not finish within PT1S"), e.getMessage());
                    CancelledException cause = assertInstanceOf(CancelledException.class, e.getCause());
                    assertTrue(cause.getMessage().contains("Weft.waitFor: its timeout of PT1S passed"),
                            "the task was not told why it was cancelled: " + cause.getMessage());
                    assertEquals(Task.State.CANCELLED, slow.state());
                }
            });
        }
    }

    @Test
    void cancelledCallerGetsItsOwnCancellationAndTheTaskIsToldWhy() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope scope = TaskScope.openSupervisor()) {
                    Task<String> slow = spawnHourLong(scope);
                    AtomicReference<CancelledException> callerSaw = new AtomicReference<>();
                    Task<String> caller = scope.spawn(() -> {
                        try {
                            return Weft.waitFor(slow, HOUR);
                        } catch (CancelledException e) {
                            callerSaw.set(e);
                            throw e;
                        }
                    });
                    Weft.sleep(Duration.ofSeconds(1));
                    caller.cancel("the caller's own reason");
                    scope.join();
                    assertTrue(callerSaw.get().getMessage().contains("the caller's own reason"),
                            "the caller got another cancellation than its own: " + callerSaw.get().getMessage());
                    assertEquals(Task.State.CANCELLED, slow.state());
                    CancelledException told = assertThrows(CancelledException.class, slow::join);
                    assertTrue(told.getMessage().contains("which was waiting for it in Weft.waitFor, was cancelled"),
                            "the task was not told why it was cancelled: " + told.getMessage());
                    assertEquals(Duration.ofSeconds(1).toNanos(), test.now());
                }
            });
        }
    }

    @Test
    void cancellationByAThirdPartyReachesTheCallerAsTheTasksOutcome() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope scope = TaskScope.openSupervisor()) {
                    Task<String> slow = spawnHourLong(scope);
                    scope.spawn(() -> {
                        Weft.sleep(Duration.ofSeconds(1));
                        slow.cancel("stopped by a third party");
                    });
                    CancelledException e = assertThrows(CancelledException.class, () -> Weft.waitFor(slow, HOUR));
                    assertTrue(e.getMessage().contains("stopped by a third party"), e.getMessage());
                    Weft.checkCancelled(); // the caller itself was not cancelled
                    assertEquals(Duration.ofSeconds(1).toNanos(), test.now());
                }
            });
        }
    }

    @Test
    void alreadyCancelledCallerGetsItsOwnCancellationFromATaskThatEndedCancelled() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope scope = TaskScope.openSupervisor()) {
                    Task<String> ended = spawnHourLong(scope);
                    Weft.yieldNow();
                    ended.cancel("the task's own reason");
                    assertThrows(CancelledException.class, ended::join);
                    AtomicReference<CancelledException> callerSaw = new AtomicReference<>();
                    Weft.cancelScope(() -> {
                        CancelScope.current().cancel("the caller's own reason");
                        try {
                            Weft.waitFor(ended, HOUR);
                        } catch (CancelledException e) {
                            callerSaw.set(e);
                            throw e;
                        }
                    });
                    assertTrue(callerSaw.get().getMessage().contains("the caller's own reason"),
                            "the caller got the task's cancellation instead of its own: "
                                    + callerSaw.get().getMessage());
                }
            });
        }
    }

    @Test
    void callersFailedScopeWinsOverAValueTheTaskReturnsLate() {
        IllegalStateException sibling = new IllegalStateException("a sibling of the caller failed");
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope outer = TaskScope.open()) {
                    Task<String> stubborn = SyncTesting.spawnSleeper(outer, () -> "returned late");
                    AtomicReference<String> returned = new AtomicReference<>();
                    RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
                        try (TaskScope inner = TaskScope.open()) {
                            inner.spawn(() -> {
                                Weft.sleep(Duration.ofSeconds(1));
                                throw sibling;
                            });
                            returned.set(Weft.waitFor(stubborn, HOUR));
                        }
                    });
                    assertNull(returned.get(),
                            "waitFor returned the task's late value although the caller's scope failed");
                    assertTrue(causedBy(thrown, sibling), "the scope's failure was lost: " + thrown);
                    assertEquals("returned late", stubborn.join(), "the task was not cancelled, or its late value was lost");
                }
            });
        }
    }

    @Test
    void waitingForItselfIsRefused() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> Weft.waitFor(Weft.currentTask(), HOUR));
                assertTrue(e.getMessage().contains("called Weft.waitFor on itself"), e.getMessage());
                assertEquals(0, test.now(), "the refusal waited");
            });
        }
    }

    /**
     * The first three verdicts above, traced as CPython's {@code asyncio.wait_for} traces them
     * ({@code wait_for_verdict.py}; the same in CPython 3.11 to 3.13). Left out on purpose: a
     * caller cancelled before it waits for a task that ended cancelled gets the task's
     * cancellation from asyncio (its {@code wait_for} returns the done task's outcome first) and
     * its own from Weft, as from Trio, where a cancelled scope's checkpoint always raises its own
     * cancellation; and a late value against the caller's failed scope, where asyncio changed in
     * 3.12 ({@code wait_for} became a timeout block and returns the late value into the failing
     * block, where 3.11 dropped it): Weft keeps 3.11's and Trio's answer, the value stays on the
     * task ({@link #callersFailedScopeWinsOverAValueTheTaskReturnsLate}).
     */
    @Test
    void theVerdictsMatchAsyncioWaitFor() throws Exception {
        List<String> trace = new ArrayList<>();
        Duration soon = Duration.ofMillis(10);
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope scope = TaskScope.openSupervisor()) {
                    Task<String> slow = spawnHourLong(scope);
                    try {
                        Weft.waitFor(slow, soon);
                        trace.add("timeout: returned");
                    } catch (DeadlineExceededException e) {
                        trace.add("timeout: TimeoutError from " + (e.getCause() instanceof CancelledException
                                ? "CancelledError" : String.valueOf(e.getCause())) + "; task cancelled=" + cancelled(slow));
                    }

                    Task<String> slow2 = spawnHourLong(scope);
                    Task<String> caller = scope.spawn(() -> {
                        try {
                            return Weft.waitFor(slow2, HOUR);
                        } catch (CancelledException e) {
                            trace.add("cancelled caller: got its own cancellation="
                                    + python(e.getMessage().contains("the caller own reason")));
                            throw e;
                        }
                    });
                    Weft.sleep(soon);
                    caller.cancel("the caller own reason");
                    assertThrows(CancelledException.class, caller::join);
                    trace.add("cancelled caller: task cancelled=" + cancelled(slow2));

                    Task<String> slow3 = spawnHourLong(scope);
                    Task<Void> stopper = scope.spawn(() -> {
                        Weft.sleep(soon);
                        slow3.cancel("stopped by a third party");
                    });
                    try {
                        Weft.waitFor(slow3, HOUR);
                        trace.add("third party: returned");
                    } catch (CancelledException e) {
                        trace.add("third party: CancelledError naming the reason="
                                + python(e.getMessage().contains("stopped by a third party"))
                                + "; caller cancelled=" + python(((TaskImpl<?>) Weft.currentTask()).isEffectivelyCancelled()));
                    }
                    stopper.join();

                    scope.join();
                }
            });
        }
        PythonTwin.assertSameTrace("wait_for_verdict", trace);
    }

    private static String cancelled(Task<?> t) {
        return python(t.state() == Task.State.CANCELLED);
    }

    private static String python(boolean b) {
        return b ? "True" : "False";
    }

    private static boolean causedBy(Throwable thrown, Throwable wanted) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t == wanted) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (causedBy(s, wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A task that sleeps an hour, then returns: in these tests it is always cut short. */
    private static Task<String> spawnHourLong(TaskScope scope) {
        return scope.spawn(() -> {
            Weft.sleep(HOUR);
            return "an hour later";
        });
    }
}

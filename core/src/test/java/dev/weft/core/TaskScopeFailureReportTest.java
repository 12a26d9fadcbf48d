package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How and where a scope reports its failures, asserted at the scope, not at Weft.run. */
@Timeout(10)
class TaskScopeFailureReportTest {

    @Test
    void firstSuccessJoinThrowsWhenEveryTaskFailed() {
        Weft.run(() -> {
            IllegalStateException a = new IllegalStateException("a");
            IllegalStateException b = new IllegalStateException("b");
            TaskScopeFailedException e;
            try (TaskScope scope = TaskScope.openFirstSuccess()) {
                scope.spawn(() -> {
                    throw a;
                });
                scope.spawn(() -> {
                    throw b;
                });
                e = assertThrows(TaskScopeFailedException.class, scope::join);
                assertFalse(scope.winner().isPresent());
            }
            assertEquals(2, e.failures().size());
            assertTrue(e.failures().containsAll(List.of(a, b)), e.failures().toString());
        });
    }

    @Test
    void aFirstSuccessScopeWithAWinnerNeverReportsTheLosersFailures() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope scope = TaskScope.openFirstSuccess()) {
                    scope.spawn(() -> {
                        throw new IllegalStateException("the first attempt failed");
                    });
                    scope.spawn(() -> {
                        Weft.sleep(Duration.ofSeconds(1));
                        return "the second attempt";
                    });
                    scope.join();
                    assertTrue(scope.winner().isPresent());
                    CancelScope.current().cancel("the body stops after the race");
                    CancelledException e = assertThrows(CancelledException.class, Weft::checkCancelled,
                            "a loser's failure was reported although the scope has a winner");
                    assertTrue(e.getMessage().contains("the body stops after the race"), e.getMessage());
                }
            });
        }
    }

    @Test
    void raceWhoseCallsWereAllCancelledSaysSo() {
        Weft.run(() -> {
            CancelledException e = assertThrows(CancelledException.class, () -> Weft.race(List.<Callable<String>>of(
                    () -> {
                        throw new CancelledException("gave up");
                    },
                    () -> {
                        throw new CancelledException("gave up too");
                    })));
            assertTrue(e.getMessage().contains("every task was cancelled before one succeeded"), e.getMessage());
        });
    }

    @Test
    void theReportCountsTheFailuresAfterTheFirst() {
        Weft.run(() -> {
            Promise<Void> gate = Promise.create();
            Queue<String> arrived = Queue.fifo();
            TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> {
                try (TaskScope scope = TaskScope.open("counted")) {
                    for (String name : List.of("a", "b", "c")) {
                        scope.spawn(name, () -> {
                            arrived.put(name);
                            Weft.shield(gate::join); // all three fail; none is cancelled before it runs
                            throw new IllegalStateException(name);
                        });
                    }
                    for (int i = 0; i < 3; i++) {
                        arrived.get();
                    }
                    gate.complete(null);
                    scope.join();
                }
            });
            Thread.interrupted();
            assertEquals(3, e.failures().size());
            assertEquals(2, e.getSuppressed().length);
            assertTrue(e.getMessage().startsWith("TaskScope 'counted': task '"), e.getMessage());
            assertTrue(e.getMessage().endsWith("(and 2 more, attached as suppressed)"), e.getMessage());
        });
    }

    @Test
    void failFastJoinThrowsTheFailureItselfAndCloseDoesNotThrowItAgain() {
        Weft.run(() -> {
            IllegalStateException boom = new IllegalStateException("boom");
            TaskScopeFailedException e;
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> {
                    throw boom;
                });
                e = assertThrows(TaskScopeFailedException.class, scope::join);
                Thread.interrupted();
            }
            assertSame(boom, e.getCause());
            assertEquals(List.of(boom), e.failures());
        });
    }

    @Test
    void aFailureAfterTheScopeReportedIsAddedToTheReport() {
        Weft.run(() -> {
            IllegalStateException first = new IllegalStateException("first");
            IllegalStateException late = new IllegalStateException("late");
            Promise<Void> gate = Promise.create();
            TaskScopeFailedException report = null;
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> {
                    Weft.shield(gate::join); // keeps running after the scope is cancelled
                    throw late;
                });
                scope.spawn(() -> {
                    throw first;
                });
                try {
                    Weft.sleep(Duration.ofMinutes(1));
                    fail("the body was not cancelled by the failure");
                } catch (TaskScopeFailedException reported) {
                    report = reported;
                }
                assertEquals(List.of(first), report.failures(), "reported before the late failure");
                gate.complete(null); // close() now waits for the late failure
            }
            assertEquals(List.of(first, late), report.failures());
            assertTrue(Arrays.asList(report.getSuppressed()).contains(late),
                    "the late failure must show in the report's suppressed list: " + Arrays.toString(report.getSuppressed()));
        });
    }

    /**
     * A task cancelled while it is inside two nested scopes whose tasks fail as they unwind: the
     * try-with-resources blocks can only attach the two reports to the cancellation as suppressed
     * exceptions, where nobody looks. Failures win over the cancellation: the task fails with the
     * inner scope's report, which carries the outer one's.
     */
    @Test
    void aCancellationUnwindingThroughTwoFailedScopesFailsTheTaskWithBothReports() {
        // virtual time on one carrier: the inner child fails first, so the nested task's sleep
        // throws its cancellation and both reports unwind through it (on a parallel loop the
        // outer child may fail first, and its report, not the cancellation, leaves the sleep)
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope top = TaskScope.openSupervisor()) {
                    Task<Void> t = top.spawn("nested", () -> {
                        try (TaskScope outer = TaskScope.open("outer")) {
                            SyncTesting.spawnSleeper(outer, () -> {
                                throw new IllegalStateException("the outer child's cleanup failed");
                            });
                            try (TaskScope inner = TaskScope.open("inner")) {
                                SyncTesting.spawnSleeper(inner, () -> {
                                    throw new IllegalStateException("the inner child's cleanup failed");
                                });
                                Weft.sleep(Duration.ofHours(1)); // cancelled here
                            }
                        }
                    });
                    test.awaitAllBlocked();
                    t.cancel("stopped from outside");
                    TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, t::join,
                            "the scopes' failures were lost under the cancellation");
                    assertTrue(e.getMessage().startsWith("TaskScope 'inner'"), e.getMessage());
                    assertEquals(1, e.getSuppressed().length, "the outer scope's report is not attached: "
                            + Arrays.toString(e.getSuppressed()));
                    TaskScopeFailedException outer = (TaskScopeFailedException) e.getSuppressed()[0];
                    assertTrue(outer.getMessage().startsWith("TaskScope 'outer'"), outer.getMessage());
                    top.join();
                }
            });
        }
    }

    @Test
    void aReportOfOneFailureCountsNoOthers() {
        Weft.run(() -> {
            TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> {
                try (TaskScope scope = TaskScope.open("single")) {
                    scope.spawn("only", () -> {
                        throw new IllegalStateException("boom");
                    });
                    scope.join();
                }
            });
            Thread.interrupted();
            assertEquals("TaskScope 'single': task 'only' failed: java.lang.IllegalStateException: boom", e.getMessage());
        });
    }

    @Test
    void anUnnamedScopeIsNamedForTheTaskThatOpenedIt() {
        Weft.run(() -> {
            try (TaskScope outer = TaskScope.open()) {
                Task<String> named = outer.spawn("fetch", () -> {
                    try (TaskScope inner = TaskScope.open()) {
                        return inner.toString();
                    }
                });
                outer.join();
                assertTrue(named.resultNow().contains("scope of fetch"), named.resultNow());
            }
        });
    }

    @Test
    void closeWithoutJoinReportsTheFailuresOfTasksThatAlreadyEnded() {
        for (boolean firstSuccess : new boolean[] {false, true}) {
            TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
                TaskScope scope = firstSuccess ? TaskScope.openFirstSuccess() : TaskScope.open("failing");
                try (scope) {
                    Task<Void> failed = scope.spawn(() -> {
                        throw new IllegalStateException("lost?");
                    });
                    Weft.shield(() -> Weft.wait(List.of(failed), ReturnWhen.ALL_COMPLETED));
                }
            }), firstSuccess ? "first-success scope" : "fail-fast scope");
            assertTrue(e.getMessage().contains("lost?"), e.getMessage());
        }
    }
}

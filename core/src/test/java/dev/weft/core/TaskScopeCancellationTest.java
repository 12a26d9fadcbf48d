package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TaskScopeCancellationTest {

    @Test
    void cancelCancelsTheTasksButNotTheBody() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> a = scope.spawn(() -> Weft.sleep(Duration.ofMinutes(1)));
                Task<Void> b = scope.spawn(() -> Weft.sleep(Duration.ofMinutes(1)));
                scope.cancel("enough");
                scope.join();
                assertTrue(scope.isCancelled());
                assertEquals(Task.State.CANCELLED, a.state());
                assertEquals(Task.State.CANCELLED, b.state());
                CancelledException e = assertThrows(CancelledException.class, a::join);
                assertTrue(e.getMessage().contains("enough"), e.getMessage());
                Weft.sleep(Duration.ofMillis(1)); // the body itself is not cancelled
                Weft.checkCancelled();
            }
        });
    }

    @Test
    void tasksSpawnedAfterCancelStartCancelledAndNeverRun() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                scope.cancel();
                boolean[] ran = {false};
                Task<Void> late = scope.spawn(() -> {
                    ran[0] = true;
                });
                scope.join();
                assertEquals(Task.State.CANCELLED, late.state());
                assertFalse(ran[0]);
            }
        });
    }

    @Test
    void cancellingTheOwnerCancelsNestedScopesRecursively() throws Exception {
        List<String> cancelled = new CopyOnWriteArrayList<>();
        CountDownLatch allStarted = new CountDownLatch(3);
        Weft.run(() -> {
            try (TaskScope top = TaskScope.open()) {
                Task<Void> owner = top.spawn(() -> {
                    try (TaskScope mid = TaskScope.open()) {
                        mid.spawn(() -> {
                            try (TaskScope deep = TaskScope.open()) {
                                deep.spawn(() -> sleepRecording("deep", cancelled, allStarted));
                                deep.join();
                            }
                        });
                        mid.spawn(() -> sleepRecording("mid", cancelled, allStarted));
                        sleepRecording("owner", cancelled, allStarted);
                    }
                });
                allStarted.await();
                owner.cancel("stop the subtree");
                top.join();
                assertEquals(Task.State.CANCELLED, owner.state());
            }
        });
        assertEquals(3, cancelled.size(), cancelled.toString());
        assertTrue(cancelled.containsAll(List.of("deep", "mid", "owner")));
    }

    private static void sleepRecording(String who, List<String> cancelled, CountDownLatch started) {
        started.countDown();
        try {
            Weft.sleep(Duration.ofMinutes(1));
        } catch (CancelledException e) {
            cancelled.add(who);
            throw e;
        }
    }

    @Test
    void joinIsACancellationPointForCancellationFromOutside() {
        Weft.run(() -> {
            Promise<Void> joining = Promise.create();
            try (TaskScope top = TaskScope.open()) {
                Task<Void> owner = top.spawn(() -> {
                    try (TaskScope scope = TaskScope.open()) {
                        scope.spawn(() -> Weft.sleep(Duration.ofMinutes(1)));
                        Loop.current().callSoon(() -> joining.complete(null));
                        scope.join();
                    }
                });
                joining.join();
                owner.cancel("outside");
                CancelledException e = assertThrows(CancelledException.class, owner::join);
                assertTrue(e.getMessage().contains("outside"), e.getMessage());
                top.join();
            }
        });
    }

    @Test
    void isCancelRequestedSeesCancellationThroughTheScope() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> Weft.sleep(Duration.ofMinutes(1)));
                assertFalse(t.isCancelRequested());
                scope.cancel();
                assertTrue(t.isCancelRequested());
                scope.join();
            }
        });
    }

    @Test
    void cancelWithoutAReasonSaysCancelled() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> Weft.sleep(Duration.ofMinutes(1)));
                scope.cancel(null);
                CancelledException e = assertThrows(CancelledException.class, t::join);
                assertTrue(e.getMessage().endsWith(": cancelled"), e.getMessage());
                scope.join();
            }
        });
    }

    @Test
    void aCancelledJoinThrowsAtOnceWhileAShieldedTaskStillRuns() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Event release = Event.create();
                try (TaskScope scope = TaskScope.open()) {
                    Task<Void> stubborn = scope.spawn(() -> Weft.shield(release::awaitSet));
                    assertFalse(Weft.moveOnAfter(Duration.ofSeconds(1), scope::join), "join outlived its deadline");
                    assertEquals(Duration.ofSeconds(1).toNanos(), test.now(), "join waited for the shielded task");
                    assertFalse(stubborn.isDone());
                    release.set();
                    scope.join();
                }
            });
        }
    }

    @Test
    void afterTheBodyCaughtTheScopesFailureEveryCheckpointIsACancellation() {
        Weft.run(() -> {
            TaskScopeFailedException report = null;
            CancelledException atSleep = null;
            CancelledException atJoin = null;
            try (TaskScope scope = TaskScope.open("caught")) {
                scope.spawn(() -> {
                    throw new IllegalStateException("boom");
                });
                try {
                    Weft.sleep(Duration.ofMinutes(1));
                } catch (TaskScopeFailedException e) {
                    report = e; // the first checkpoint after the failure throws the report
                }
                try {
                    Weft.sleep(Duration.ofMinutes(1));
                } catch (CancelledException e) {
                    atSleep = e;
                }
                try {
                    scope.join();
                } catch (CancelledException e) {
                    atJoin = e;
                }
            }
            Thread.interrupted();
            assertTrue(report != null && report.getMessage().contains("boom"), String.valueOf(report));
            assertTrue(atSleep != null, "a second checkpoint did not throw the body's cancellation");
            assertTrue(atJoin != null, "join, after the report was taken, was not a checkpoint");
        });
    }

    @Test
    void aBodyCancelledByHandWithoutFailuresThrowsCancelled() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                CancelScope.current().cancel("by hand");
                CancelledException e = assertThrows(CancelledException.class, Weft::checkCancelled);
                assertEquals("by hand", e.getMessage());
                Thread.interrupted();
            }
        });
    }
}

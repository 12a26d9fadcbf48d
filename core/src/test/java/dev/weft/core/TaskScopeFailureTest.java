package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Fail-fast scopes: the first failure cancels the rest and one exception reports them all. */
@Timeout(10)
class TaskScopeFailureTest {

    @Test
    void firstFailureCancelsSiblingsAndJoinThrowsOneExceptionWithIt() {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicReference<Task<Void>> sibling = new AtomicReference<>();
        TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
            try (TaskScope scope = TaskScope.open("work")) {
                sibling.set(scope.spawn("sleeper", () -> Weft.sleep(Duration.ofMinutes(1))));
                scope.spawn("failer", () -> {
                    throw boom;
                });
                scope.join();
            }
        }));
        assertSame(boom, e.getCause());
        assertEquals(List.of(boom), e.failures());
        assertTrue(e.getMessage().contains("work"), e.getMessage());
        assertTrue(e.getMessage().contains("failer"), e.getMessage());
        assertEquals(Task.State.CANCELLED, sibling.get().state());
    }

    @Test
    void failureCancelsTheBodyWhichReceivesTheScopeFailure() {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicBoolean bodyInterrupted = new AtomicBoolean();
        TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> {
                    throw boom;
                });
                try {
                    Weft.sleep(Duration.ofMinutes(1)); // the body is cancelled: this throws
                } catch (TaskScopeFailedException f) {
                    bodyInterrupted.set(true);
                    assertTrue(scope.isCancelled());
                    throw f;
                }
            }
        }));
        assertTrue(bodyInterrupted.get());
        assertSame(boom, e.getCause());
    }

    @Test
    void everyFailureIsCarriedAsFailuresAndSuppressed() {
        int n = 3;
        TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
            CountDownLatch allThrowing = new CountDownLatch(n);
            try (TaskScope scope = TaskScope.open()) {
                for (int i = 0; i < n; i++) {
                    int k = i;
                    scope.spawn(() -> {
                        // each fails only once all are past the point of no cancellation
                        allThrowing.countDown();
                        Weft.shield(() -> {
                            allThrowing.await();
                        });
                        throw new IllegalStateException("failure " + k);
                    });
                }
                scope.join();
            }
        }));
        List<Throwable> failures = e.failures();
        assertEquals(n, failures.size(), failures.toString());
        assertSame(failures.get(0), e.getCause());
        assertArrayEquals(failures.subList(1, n).toArray(), e.getSuppressed());
        assertTrue(e.getMessage().contains("and 2 more"), e.getMessage());
        Set<String> messages = ConcurrentHashMap.newKeySet();
        failures.forEach(f -> messages.add(f.getMessage()));
        assertEquals(Set.of("failure 0", "failure 1", "failure 2"), messages);
    }

    @Test
    void failureDuringCancellationIsAddedToTheReportedException() {
        IllegalStateException first = new IllegalStateException("first");
        IOException cleanup = new IOException("cleanup failed");
        TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
            Promise<Void> cleanerReady = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> {
                    try {
                        cleanerReady.complete(null);
                        Weft.sleep(Duration.ofMinutes(1));
                    } catch (CancelledException c) {
                        throw cleanup;
                    }
                    return null;
                });
                cleanerReady.join();
                scope.spawn(() -> {
                    throw first;
                });
                scope.join();
            }
        }));
        assertSame(first, e.getCause());
        assertEquals(List.of(first, cleanup), e.failures());
        assertArrayEquals(new Throwable[] {cleanup}, e.getSuppressed());
    }

    @Test
    void failureReportedToTheBodyIsCompletedWithLaterFailuresWhenCloseReturns() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException late = new IllegalStateException("late");
        TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
            Promise<Void> lateReady = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> {
                    lateReady.complete(null);
                    try {
                        Weft.sleep(Duration.ofMinutes(1));
                    } finally {
                        Weft.shield(() -> Weft.sleep(Duration.ofMillis(5)));
                        throw late; // after the body has already received the report
                    }
                });
                lateReady.join();
                scope.spawn(() -> {
                    throw first;
                });
                Weft.sleep(Duration.ofMinutes(1));
            }
        }));
        assertEquals(List.of(first, late), e.failures());
    }

    @Test
    void failureWhileTheOwnerIsBeingCancelledFailsTheOwnerInsteadOfVanishing() {
        IOException cleanup = new IOException("cleanup failed");
        Weft.run(() -> {
            Promise<Void> ready = Promise.create();
            try (TaskScope outer = TaskScope.openSupervisor()) {
                Task<Void> owner = outer.spawn(() -> {
                    try (TaskScope scope = TaskScope.open()) {
                        scope.spawn(() -> {
                            try {
                                ready.complete(null);
                                Weft.sleep(Duration.ofMinutes(1));
                            } catch (CancelledException c) {
                                throw cleanup; // fails while being cancelled
                            }
                            return null;
                        });
                        scope.join();
                    }
                });
                ready.join();
                owner.cancel("deliberate");
                outer.join();
                // errors win over cancellation: the failure reaches the owner's scope
                assertEquals(Task.State.FAILED, owner.state());
                TaskScopeFailedException e = assertInstanceOf(TaskScopeFailedException.class, owner.exceptionNow());
                assertEquals(List.of(cleanup), e.failures());
            }
        });
    }

    @Test
    void noChildOutlivesTheBlockWhenTheBodyThrows() {
        Set<String> finished = ConcurrentHashMap.newKeySet();
        IllegalArgumentException bodyError = new IllegalArgumentException("body");
        IllegalArgumentException caught = assertThrows(IllegalArgumentException.class, () -> Weft.run(() -> {
            Promise<Void> started = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> {
                    try {
                        started.complete(null);
                        Weft.sleep(Duration.ofMinutes(1));
                    } finally {
                        Weft.shield(() -> Weft.sleep(Duration.ofMillis(5)));
                        finished.add("child");
                    }
                });
                started.join();
                throw bodyError;
            } finally {
                assertEquals(Set.of("child"), finished, "the child outlived the scope block");
            }
        }));
        assertSame(bodyError, caught);
        // tasks still running at close without join(): the IllegalStateException rides along
        assertEquals(1, caught.getSuppressed().length);
        assertInstanceOf(IllegalStateException.class, caught.getSuppressed()[0]);
    }

    @Test
    void spawnFromAChildTaskJoinsTheSameScope() {
        List<Integer> results = Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Task<Integer>> parent = scope.spawn(() -> scope.spawn(() -> {
                    Weft.sleep(Duration.ofMillis(5));
                    return 2;
                }));
                scope.join();
                Task<Integer> grandchild = parent.resultNow();
                assertTrue(grandchild.isDone(), "join() returned before a task spawned by a child finished");
                return List.of(grandchild.resultNow());
            }
        });
        assertEquals(List.of(2), results);
    }

    @Test
    void failureOfATaskSpawnedByAChildFailsTheScope() {
        IllegalStateException boom = new IllegalStateException("grandchild");
        TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> scope.spawn(() -> {
                    throw boom;
                }));
                scope.join();
            }
        }));
        assertSame(boom, e.getCause());
    }

    @Test
    void closeReportsAFailureThatJoinWasNotCalledFor() {
        IllegalStateException boom = new IllegalStateException("boom");
        TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
            Promise<Void> failed = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> {
                    throw boom;
                });
                t.onDone(x -> failed.complete(null));
                Weft.shield(failed::join);
            }
        }));
        assertSame(boom, e.getCause());
    }

    @Test
    void nestedScopeFailurePropagatesAsTheCauseOfTheOuterReport() {
        IllegalStateException boom = new IllegalStateException("deep");
        TaskScopeFailedException outer = assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
            try (TaskScope scope = TaskScope.open("outer")) {
                scope.spawn(() -> {
                    try (TaskScope inner = TaskScope.open("inner")) {
                        inner.spawn(() -> {
                            throw boom;
                        });
                        inner.join();
                    }
                });
                scope.join();
            }
        }));
        TaskScopeFailedException inner = assertInstanceOf(TaskScopeFailedException.class, outer.getCause());
        assertTrue(inner.getMessage().contains("inner"), inner.getMessage());
        assertSame(boom, inner.getCause());
    }
}

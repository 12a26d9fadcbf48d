package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Supervisor and first-success scopes, and Weft.race. */
@Timeout(10)
class TaskScopePolicyTest {

    @Test
    void supervisorFailuresCancelNothingAndStayOnTheirTasks() {
        Weft.run(() -> {
            IllegalStateException boom = new IllegalStateException("boom");
            Promise<Void> failed = Promise.create();
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<Object> bad = scope.spawn(() -> {
                    throw boom;
                });
                bad.onDone(t -> failed.complete(null));
                Task<String> good = scope.spawn(() -> {
                    failed.join(); // still running after the sibling failed
                    Weft.sleep(Duration.ofMillis(2));
                    return "fine";
                });
                Weft.sleep(Duration.ofMillis(1)); // the body is not cancelled either
                scope.join();
                assertFalse(scope.isCancelled());
                assertEquals("fine", good.resultNow());
                assertSame(boom, bad.exceptionNow());
            }
        });
    }

    @Test
    void firstSuccessCancelsTheRestAndNamesTheWinner() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.openFirstSuccess()) {
                Task<String> slow = scope.spawn(() -> {
                    Weft.sleep(Duration.ofMinutes(1));
                    return "slow";
                });
                Task<String> fast = scope.spawn(() -> "fast");
                scope.join();
                assertSame(fast, scope.winner().orElseThrow());
                assertEquals(Task.State.CANCELLED, slow.state());
            }
        });
    }

    @Test
    void firstSuccessIgnoresFailuresWhenOneSucceeds() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.openFirstSuccess()) {
                scope.spawn(() -> {
                    throw new IllegalStateException("loser");
                });
                Task<String> ok = scope.spawn(() -> {
                    Weft.sleep(Duration.ofMillis(5));
                    return "ok";
                });
                scope.join();
                assertSame(ok, scope.winner().orElseThrow());
            }
        });
    }

    @Test
    void firstSuccessThrowsWhenEveryTaskFailed() {
        TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
            try (TaskScope scope = TaskScope.openFirstSuccess()) {
                scope.spawn(() -> {
                    throw new IllegalStateException("a");
                });
                scope.spawn(() -> {
                    throw new IllegalStateException("b");
                });
                scope.join();
            }
        }));
        Set<String> messages = e.failures().stream().map(Throwable::getMessage).collect(Collectors.toSet());
        assertEquals(Set.of("a", "b"), messages);
    }

    @Test
    void raceReturnsTheFirstSuccessAndCancelsTheOthers() {
        Weft.run(() -> {
            Promise<Void> slowCancelled = Promise.create();
            List<Callable<String>> calls = List.of(
                    () -> {
                        try {
                            Weft.sleep(Duration.ofMinutes(1));
                            return "slow";
                        } catch (CancelledException e) {
                            slowCancelled.complete(null);
                            throw e;
                        }
                    },
                    () -> {
                        throw new IllegalStateException("broken");
                    },
                    () -> {
                        Weft.sleep(Duration.ofMillis(5));
                        return "fast";
                    });
            assertEquals("fast", Weft.race(calls));
            assertTrue(slowCancelled.isDone(), "race returned before the loser unwound");
        });
    }

    @Test
    void raceThrowsWhenEveryCallFailed() {
        TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(
                () -> Weft.race(List.<Callable<String>>of(
                        () -> {
                            throw new IllegalStateException("x");
                        },
                        () -> {
                            throw new IllegalStateException("y");
                        }))));
        assertEquals(2, e.failures().size());
    }

    @Test
    void raceOfNothingIsAClearError() {
        Weft.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Weft.race(List.of()));
            assertTrue(e.getMessage().contains("at least one"), e.getMessage());
        });
    }
}

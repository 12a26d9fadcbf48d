package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Weft.wait and Weft.asCompleted: they report, they never cancel. */
@Timeout(10)
class WaitCombinatorTest {

    @Test
    void firstCompletedReturnsAsSoonAsOneIsDoneAndCancelsNothing() {
        Weft.run(() -> {
            Promise<Void> release = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<String> quick = scope.spawn(() -> "quick");
                Task<String> blocked = scope.spawn(() -> {
                    release.join();
                    return "blocked";
                });
                WaitResult<String> r = Weft.wait(List.of(quick, blocked), ReturnWhen.FIRST_COMPLETED);
                assertEquals(Set.of(quick), r.done());
                assertEquals(Set.of(blocked), r.pending());
                assertFalse(blocked.isCancelRequested(), "wait cancelled a pending task");
                release.complete(null);
                scope.join();
                assertEquals("blocked", blocked.resultNow());
            }
        });
    }

    @Test
    void firstExceptionReturnsOnAFailureButNotOnACancellation() {
        try (TestLoop test = TestLoop.open()) { // virtual time: a loaded machine cannot outrun the timeout
            test.run(() -> {
                Promise<Void> release = Promise.create();
                try (TaskScope scope = TaskScope.openSupervisor()) {
                    Task<String> cancelled = scope.spawn(() -> {
                        Weft.sleep(Duration.ofMinutes(1));
                        return "never";
                    });
                    Task<String> blocked = scope.spawn(() -> {
                        release.join();
                        return "blocked";
                    });
                    cancelled.cancel("not a failure");
                    WaitResult<String> notYet = Weft.wait(List.of(cancelled, blocked), ReturnWhen.FIRST_EXCEPTION,
                            Duration.ofMillis(20));
                    assertEquals(Set.of(cancelled), notYet.done(), "only the cancelled one is done, after the timeout");
                    assertEquals(Set.of(blocked), notYet.pending());
                    Task<String> failing = scope.spawn(() -> {
                        throw new IllegalStateException("fail");
                    });
                    WaitResult<String> r = Weft.wait(List.of(blocked, failing), ReturnWhen.FIRST_EXCEPTION);
                    assertEquals(Set.of(failing), r.done());
                    assertEquals(Set.of(blocked), r.pending());
                    failing.exceptionNow();
                    release.complete(null);
                    scope.join();
                }
            });
        }
    }

    @Test
    void allCompletedWaitsForEveryTask() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                List<Task<Integer>> tasks = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    int k = i;
                    tasks.add(scope.spawn(() -> {
                        Weft.sleep(Duration.ofMillis(k));
                        return k;
                    }));
                }
                WaitResult<Integer> r = Weft.wait(tasks, ReturnWhen.ALL_COMPLETED);
                assertEquals(5, r.done().size());
                assertTrue(r.pending().isEmpty());
                assertEquals(tasks, new ArrayList<>(r.done()), "done keeps the order given");
                scope.join();
            }
        });
    }

    @Test
    void timeoutReturnsDoneAndPendingWithoutCancelling() {
        try (TestLoop test = TestLoop.open()) { // virtual time: a loaded machine cannot outrun the timeout
            test.run(() -> {
                Promise<Void> release = Promise.create();
                try (TaskScope scope = TaskScope.open()) {
                    Task<String> blocked = scope.spawn(() -> {
                        release.join();
                        return "b";
                    });
                    Task<String> done = scope.spawn(() -> "d");
                    long start = Loop.current().time();
                    WaitResult<String> r = Weft.wait(List.of(blocked, done), ReturnWhen.ALL_COMPLETED,
                            Duration.ofMillis(20));
                    assertEquals(Duration.ofMillis(20).toNanos(), Loop.current().time() - start,
                            "returned before the timeout, or later");
                    assertEquals(Set.of(done), r.done());
                    assertEquals(Set.of(blocked), r.pending());
                    assertFalse(blocked.isCancelRequested());
                    release.complete(null);
                    scope.join();
                }
            });
        }
    }

    @Test
    void theTimeoutRunsOnTheCallersLoopClockEvenForAnotherLoopsTasks() {
        try (Loop other = Loop.open()) {
            Task<Void> elsewhere = other.spawn(() -> Weft.sleep(Duration.ofHours(1)));
            try (TestLoop test = TestLoop.open()) {
                WaitResult<Void> r = test.run(() -> {
                    long start = test.now();
                    WaitResult<Void> result = Weft.wait(List.of(elsewhere), ReturnWhen.ALL_COMPLETED, Duration.ofSeconds(1));
                    assertEquals(Duration.ofSeconds(1), Duration.ofNanos(test.now() - start),
                            "the 1 s timeout is measured on the waiting task's (virtual) clock, not on the other loop's");
                    return result;
                });
                assertEquals(Set.of(elsewhere), r.pending());
            } finally {
                elsewhere.cancel(true);
            }
        }
    }

    @Test
    void waitOnNoTasksIsAClearError() {
        Weft.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Weft.wait(List.<Task<Integer>>of(), ReturnWhen.ALL_COMPLETED));
            assertTrue(e.getMessage().contains("at least one task"), e.getMessage());
        });
    }

    @Test
    void asCompletedYieldsTasksInCompletionOrder() {
        Weft.run(() -> {
            Promise<Void> firstGo = Promise.create();
            Promise<Void> secondGo = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<String> a = scope.spawn(() -> {
                    secondGo.join();
                    return "a";
                });
                Task<String> b = scope.spawn(() -> {
                    firstGo.join();
                    return "b";
                });
                Task<String> c = scope.spawn(() -> "c");
                List<String> order = new ArrayList<>();
                for (Task<String> t : Weft.asCompleted(List.of(a, b, c), null)) {
                    order.add(t.resultNow());
                    if (t == c) {
                        firstGo.complete(null);
                    } else if (t == b) {
                        secondGo.complete(null);
                    }
                }
                assertEquals(List.of("c", "b", "a"), order);
                scope.join();
            }
        });
    }

    @Test
    void asCompletedSaysSoWhenAskedForMoreTasksThanItWasGiven() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope scope = TaskScope.open()) {
                    Task<String> only = scope.spawn(() -> "only");
                    Iterator<Task<String>> it = Weft.asCompleted(List.of(only), Duration.ofSeconds(1)).iterator();
                    assertEquals(only, it.next());
                    assertFalse(it.hasNext());
                    java.util.NoSuchElementException e = assertThrows(java.util.NoSuchElementException.class, it::next,
                            "next() after the last task is an error, not a wait");
                    assertTrue(e.getMessage().contains("all 1 tasks were already returned"), e.getMessage());
                }
            });
        }
    }

    @Test
    void asCompletedTimesOutWithDeadlineExceeded() {
        try (TestLoop test = TestLoop.open()) { // virtual time: a loaded machine cannot outrun the timeout
            test.run(() -> {
                Promise<Void> release = Promise.create();
                try (TaskScope scope = TaskScope.open()) {
                    Task<String> quick = scope.spawn(() -> "quick");
                    Task<String> blocked = scope.spawn(() -> {
                        release.join();
                        return "b";
                    });
                    quick.join(); // done before the 20 ms start, however slow the machine
                    Iterator<Task<String>> it =
                            Weft.asCompleted(List.of(quick, blocked), Duration.ofMillis(20)).iterator();
                    assertEquals("quick", it.next().resultNow());
                    assertTrue(it.hasNext());
                    DeadlineExceededException e = assertThrows(DeadlineExceededException.class, it::next);
                    assertTrue(e.getMessage().contains("1 of 2"), e.getMessage());
                    assertFalse(blocked.isCancelRequested());
                    release.complete(null);
                    scope.join();
                }
            });
        }
    }
}

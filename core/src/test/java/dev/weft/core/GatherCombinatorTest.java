package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class GatherCombinatorTest {

    @Test
    void gatherReturnsResultsInArgumentOrderNotCompletionOrder() {
        List<Integer> results = Weft.run(() -> Weft.gather(
                () -> {
                    Weft.sleep(Duration.ofMillis(20));
                    return 1;
                },
                () -> {
                    Weft.sleep(Duration.ofMillis(10));
                    return 2;
                },
                () -> 3));
        assertEquals(List.of(1, 2, 3), results);
    }

    @Test
    void gatherOverAListRunsTheCallsConcurrently() {
        int n = 20;
        List<Integer> results = Weft.run(() -> {
            Promise<Void> allStarted = Promise.create();
            int[] started = {0};
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                calls.add(() -> {
                    synchronized (started) {
                        if (++started[0] == n) {
                            allStarted.complete(null);
                        }
                    }
                    allStarted.join(); // deadlocks unless all n run at once
                    return k * k;
                });
            }
            return Weft.gather(calls);
        });
        for (int i = 0; i < n; i++) {
            assertEquals(i * i, results.get(i));
        }
    }

    @Test
    void gatherFailureCancelsTheOthersAndLeavesNothingRunning() {
        Set<String> unwound = ConcurrentHashMap.newKeySet();
        IllegalStateException boom = new IllegalStateException("boom");
        TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
            try {
                Weft.gather(
                        () -> {
                            try {
                                Weft.sleep(Duration.ofMinutes(1));
                            } finally {
                                unwound.add("a");
                            }
                            return 0;
                        },
                        () -> {
                            try {
                                Weft.sleep(Duration.ofMinutes(1));
                            } finally {
                                unwound.add("b");
                            }
                            return 0;
                        },
                        () -> {
                            Weft.sleep(Duration.ofMillis(2));
                            throw boom;
                        });
            } finally {
                assertEquals(Set.of("a", "b"), unwound, "gather threw before the others unwound");
                assertEquals(List.of(Weft.currentTask()), Loop.current().tasks());
            }
        }));
        assertSame(boom, e.getCause());
    }

    @Test
    void gatherSettledReturnsFailuresAsValuesInArgumentOrder() {
        IOException io = new IOException("io");
        List<Task<String>> tasks = Weft.run(() -> Weft.gatherSettled(List.<Callable<String>>of(
                () -> "ok",
                () -> {
                    throw io;
                },
                () -> {
                    Weft.sleep(Duration.ofMillis(2));
                    return "late";
                })));
        assertEquals(3, tasks.size());
        assertEquals("ok", tasks.get(0).resultNow());
        assertEquals(Task.State.FAILED, tasks.get(1).state());
        assertSame(io, tasks.get(1).exceptionNow());
        assertEquals("late", tasks.get(2).resultNow());
    }

    @Test
    void gatherSettledFailureDoesNotCancelTheOthers() {
        List<Task<String>> tasks = Weft.run(() -> {
            Promise<Void> failed = Promise.create();
            return Weft.gatherSettled(List.<Callable<String>>of(
                    () -> {
                        try {
                            throw new IllegalStateException("x");
                        } finally {
                            Loop.current().callSoon(() -> failed.complete(null));
                        }
                    },
                    () -> {
                        failed.join();
                        Weft.sleep(Duration.ofMillis(1));
                        return "survived";
                    }));
        });
        assertEquals("survived", tasks.get(1).resultNow());
    }

    @Test
    void gatherOfACallThatEndsCancelledThrowsCancelledException() {
        Weft.run(() -> {
            Task<Integer> gone = Loop.current().spawn("gone", () -> {
                Weft.sleep(Duration.ofMinutes(1));
                return 0;
            });
            gone.cancel("not needed");
            CancelledException e = assertThrows(CancelledException.class, () -> Weft.gather(() -> 1, gone::join));
            assertTrue(e.getMessage().contains("gone"), e.getMessage());
        });
    }

    @Test
    void gatherOfNoCallsReturnsAnEmptyList() {
        assertEquals(List.of(), Weft.run(() -> Weft.gather(List.<Callable<Integer>>of())));
    }

    @Test
    void gatherWithANullCallNamesItsPosition() {
        Weft.run(() -> {
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> Weft.gather(() -> 1, null));
            assertTrue(e.getMessage().contains("call #1 is null"), e.getMessage());
        });
    }
}

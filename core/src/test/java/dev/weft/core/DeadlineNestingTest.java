package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** failAfter, moveOnAfter, waitFor and CancelScope deadlines, alone and nested. */
@Timeout(10)
class DeadlineNestingTest {
    private static final Duration SHORT = Duration.ofMillis(20);
    private static final Duration LONG = Duration.ofMinutes(1);

    @Test
    void failAfterReturnsTheValueWhenInTime() {
        assertEquals("ok", Weft.run(() -> Weft.failAfter(LONG, () -> {
            Weft.sleep(Duration.ofMillis(1));
            return "ok";
        })));
    }

    @Test
    void failAfterRethrowsTheBodysCheckedExceptionUnchanged() {
        IOException io = new IOException("io");
        assertSame(io, assertThrows(IOException.class, () -> Weft.run(() -> Weft.failAfter(LONG, () -> {
            throw io;
        }))));
    }

    @Test
    void failAfterThrowsDeadlineExceededAfterTheBodyUnwound() {
        Set<String> unwound = ConcurrentHashMap.newKeySet();
        Weft.run(() -> {
            long start = Loop.current().time();
            DeadlineExceededException e = assertThrows(DeadlineExceededException.class,
                    () -> Weft.failAfter(LONG, () -> {
                        CancelScope block = CancelScope.current();
                        try (TaskScope scope = TaskScope.open()) {
                            Promise<Void> started = Promise.create();
                            scope.spawn(() -> {
                                try {
                                    started.complete(null);
                                    Weft.sleep(LONG);
                                } finally {
                                    Weft.shield(() -> Weft.sleep(Duration.ofMillis(5)));
                                    unwound.add("child");
                                }
                            });
                            started.join(); // a child cancelled before it starts has nothing to unwind
                            block.setDeadlineAfter(SHORT);
                            scope.join();
                        } finally {
                            unwound.add("body");
                        }
                    }));
            assertEquals(Set.of("child", "body"), unwound);
            assertTrue(Loop.current().time() - start >= SHORT.toNanos());
            assertFalse(java.util.concurrent.CancellationException.class.isInstance(e), "a timeout is not a cancellation");
            assertTrue(e.getMessage().contains("deadline"), e.getMessage());
            Weft.sleep(Duration.ofMillis(1)); // the task itself is not cancelled afterwards
        });
    }

    @Test
    void deadlineExceededIsNotACancelledException() {
        Weft.run(() -> {
            RuntimeException e = assertThrows(RuntimeException.class, () -> Weft.failAfter(SHORT, () -> Weft.sleep(LONG)));
            assertInstanceOf(DeadlineExceededException.class, e);
            assertFalse(java.util.concurrent.CancellationException.class.isInstance(e));
        });
    }

    @Test
    void moveOnAfterReturnsFalseQuietlyWhenTheDeadlinePasses() {
        Weft.run(() -> {
            boolean[] after = {false};
            boolean finished = Weft.moveOnAfter(SHORT, () -> {
                Weft.sleep(LONG);
                after[0] = true;
            });
            assertFalse(finished);
            assertFalse(after[0]);
            Weft.checkCancelled();
        });
    }

    @Test
    void moveOnAfterReturnsTrueWhenTheBodyFinishes() {
        assertTrue(Weft.run(() -> Weft.moveOnAfter(LONG, () -> Weft.sleep(Duration.ofMillis(1)))));
    }

    @Test
    void innerDeadlineFiringFirstFailsOnlyTheInnerBlock() {
        Weft.run(() -> {
            String result = Weft.failAfter(LONG, () -> {
                assertThrows(DeadlineExceededException.class, () -> Weft.failAfter(SHORT, () -> Weft.sleep(LONG)));
                return "outer continues";
            });
            assertEquals("outer continues", result);
        });
    }

    @Test
    void outerDeadlineFiringFirstIsNotCaughtByTheInnerBlock() {
        Weft.run(() -> {
            boolean[] innerSawDeadline = {false};
            boolean outerFinished = Weft.moveOnAfter(SHORT, () -> {
                try {
                    Weft.failAfter(LONG, () -> Weft.sleep(LONG));
                } catch (DeadlineExceededException e) {
                    innerSawDeadline[0] = true;
                }
            });
            assertFalse(outerFinished);
            assertFalse(innerSawDeadline[0], "the inner block reported the outer block's deadline as its own");
        });
    }

    @Test
    void outsideCancellationInsideFailAfterIsACancellationNotATimeout() {
        assertOutsideCancellationIsACancellation(() -> Weft.sleep(LONG));
    }

    /** A task blocked in {@code blockingCall} inside failAfter, cancelled from outside, ends cancelled. */
    static void assertOutsideCancellationIsACancellation(Action<?> blockingCall) {
        Weft.run(() -> {
            Promise<Void> inside = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> Weft.failAfter(LONG, () -> {
                    inside.complete(null);
                    blockingCall.run();
                }));
                inside.join();
                t.cancel("from outside");
                CancelledException e = assertThrows(CancelledException.class, t::join);
                assertTrue(e.getMessage().contains("from outside"), e.getMessage());
                assertEquals(Task.State.CANCELLED, t.state());
                scope.join();
            }
        });
    }

    @Test
    void effectiveDeadlineIsTheEarliestOfTheNestedDeadlines() {
        Weft.run(() -> {
            assertEquals(Long.MAX_VALUE, CancelScope.current().effectiveDeadline());
            Weft.failAfter(Duration.ofSeconds(30), () -> {
                CancelScope outer = CancelScope.current();
                long outerDeadline = outer.deadline();
                assertTrue(outerDeadline > Loop.current().time());
                Weft.failAfter(Duration.ofSeconds(60), () -> {
                    CancelScope inner = CancelScope.current();
                    assertTrue(inner.deadline() > outerDeadline);
                    assertEquals(outerDeadline, inner.effectiveDeadline());
                    Weft.failAfter(Duration.ofSeconds(10), () -> {
                        assertEquals(CancelScope.current().deadline(), CancelScope.current().effectiveDeadline());
                        assertTrue(CancelScope.current().effectiveDeadline() < outerDeadline);
                    });
                });
                return null;
            });
        });
    }

    @Test
    void setDeadlineAfterCanExtendTheDeadline() {
        Weft.run(() -> {
            long start = Loop.current().time();
            assertTrue(Weft.moveOnAfter(SHORT, () -> {
                CancelScope.current().setDeadlineAfter(LONG);
                Weft.sleep(SHORT.multipliedBy(2)); // past the first deadline
            }));
            assertTrue(Loop.current().time() - start >= SHORT.multipliedBy(2).toNanos());
        });
    }

    @Test
    void setDeadlineCanShortenTheDeadline() {
        Weft.run(() -> {
            assertFalse(Weft.moveOnAfter(LONG, () -> {
                CancelScope scope = CancelScope.current();
                scope.setDeadline(Loop.current().time() + SHORT.toNanos());
                assertTrue(scope.deadline() <= Loop.current().time() + SHORT.toNanos());
                Weft.sleep(LONG);
            }));
        });
    }

    @Test
    void setDeadlineInThePastCancelsAtTheNextBlockingCall() {
        Weft.run(() -> {
            assertThrows(DeadlineExceededException.class, () -> Weft.failAfter(LONG, () -> {
                CancelScope.current().setDeadline(Loop.current().time() - 1);
                assertTrue(CancelScope.current().isCancelled());
                Weft.checkCancelled();
            }));
        });
    }

    @Test
    void failAfterZeroCancelsTheFirstBlockingCall() {
        Weft.run(() -> {
            assertThrows(DeadlineExceededException.class, () -> Weft.failAfter(Duration.ZERO, () -> Weft.sleep(LONG)));
        });
    }

    @Test
    void waitForReturnsTheResultInTime() {
        assertEquals(9, Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Integer> t = scope.spawn(() -> 9);
                int v = Weft.waitFor(t, LONG);
                scope.join();
                return v;
            }
        }));
    }

    @Test
    void waitForCancelsTheTaskOnTimeoutAndThrowsDeadlineExceeded() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Integer> t = scope.spawn(() -> {
                    Weft.sleep(LONG);
                    return 1;
                });
                assertThrows(DeadlineExceededException.class, () -> Weft.waitFor(t, SHORT));
                assertTrue(t.isDone(), "waitFor returned before the task unwound");
                assertEquals(Task.State.CANCELLED, t.state());
                scope.join();
            }
        });
    }
}

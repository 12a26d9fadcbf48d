package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Weft.cancelScope (Trio's {@code with CancelScope() as cs}), cancelledCaught, failAt and moveOnAt. */
@Timeout(10)
class CancelScopeBlockTest {
    private static final Duration LONG = Duration.ofMinutes(1);

    @Test
    void cancelScopeThatFinishesHasNotCaughtACancellation() {
        Weft.run(() -> {
            CancelScope cs = Weft.cancelScope(() -> Weft.sleep(Duration.ofMillis(1)));
            assertFalse(cs.cancelledCaught());
            assertFalse(cs.isCancelled());
            assertEquals(Long.MAX_VALUE, cs.deadline());
        });
    }

    @Test
    void cancelScopeCancelledByHandEndsTheBlockQuietly() {
        Weft.run(() -> {
            boolean[] after = {false};
            CancelScope[] inside = new CancelScope[1];
            CancelScope cs = Weft.cancelScope(() -> {
                inside[0] = CancelScope.current();
                assertFalse(inside[0].cancelledCaught(), "not caught while the block runs");
                inside[0].cancel("enough");
                Weft.sleep(LONG);
                after[0] = true;
            });
            assertSame(inside[0], cs);
            assertTrue(cs.cancelledCaught());
            assertTrue(cs.isCancelled());
            assertFalse(after[0]);
            Weft.checkCancelled(); // the task is not cancelled
        });
    }

    @Test
    void cancelledScopeWhoseBodyFinishesAnywayHasNotCaughtIt() {
        Weft.run(() -> {
            CancelScope cs = Weft.cancelScope(() -> CancelScope.current().cancel("never checked"));
            assertTrue(cs.isCancelled());
            assertFalse(cs.cancelledCaught());
        });
    }

    @Test
    void cancelScopeCancelledFromAnotherTaskStopsTheBlock() {
        Weft.run(() -> {
            Promise<CancelScope> handedOut = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Boolean> worker = scope.spawn(() -> Weft.cancelScope(() -> {
                    handedOut.complete(CancelScope.current());
                    Weft.sleep(LONG);
                }).cancelledCaught());
                handedOut.join().cancel("stop");
                assertTrue(worker.join());
                assertEquals(Task.State.SUCCESS, worker.state());
                scope.join();
            }
        });
    }

    @Test
    void cancelScopeLetsAnOuterCancellationPropagate() {
        Weft.run(() -> {
            CancelScope[] inner = new CancelScope[1];
            CancelScope outer = Weft.cancelScope(() -> {
                CancelScope outerScope = CancelScope.current();
                Weft.cancelScope(() -> {
                    inner[0] = CancelScope.current();
                    inner[0].cancel("inner");
                    outerScope.cancel("outer");
                    Weft.sleep(LONG);
                });
            });
            assertFalse(inner[0].cancelledCaught(), "the outer scope's cancellation is not the inner block's");
            assertTrue(outer.cancelledCaught());
        });
    }

    @Test
    void cancelScopeCanCarryADeadline() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                CancelScope cs = Weft.cancelScope(() -> {
                    CancelScope.current().setDeadlineAfter(Duration.ofSeconds(3));
                    Weft.sleep(LONG);
                });
                assertTrue(cs.cancelledCaught());
                assertEquals(Duration.ofSeconds(3).toNanos(), test.now());
            });
        }
    }

    @Test
    void failAtThrowsAtTheAbsoluteDeadline() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                long at = test.now() + Duration.ofSeconds(5).toNanos();
                DeadlineExceededException e = assertThrows(DeadlineExceededException.class,
                        () -> Weft.failAt(at, () -> Weft.sleep(LONG)));
                assertEquals(at, test.now());
                assertTrue(e.getMessage().contains("Weft.failAt"), e.getMessage());
                assertEquals("in time", Weft.failAt(test.now() + 10, () -> "in time"));
            });
        }
    }

    @Test
    void moveOnAtReturnsFalseAtTheAbsoluteDeadline() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                long at = test.now() + Duration.ofSeconds(2).toNanos();
                assertFalse(Weft.moveOnAt(at, () -> Weft.sleep(LONG)));
                assertEquals(at, test.now());
                assertTrue(Weft.moveOnAt(test.now() + Duration.ofSeconds(2).toNanos(),
                        () -> Weft.sleep(Duration.ofSeconds(1))));
            });
        }
    }

    @Test
    void deadlinesAlreadyPassedCancelAtTheFirstBlockingCall() {
        Weft.run(() -> {
            long past = Loop.current().time() - 1;
            assertFalse(Weft.moveOnAt(past, () -> Weft.sleep(LONG)));
            assertThrows(DeadlineExceededException.class, () -> Weft.failAt(past, () -> Weft.sleep(LONG)));
            assertTrue(Weft.moveOnAt(Long.MAX_VALUE, () -> Weft.sleep(Duration.ofMillis(1))));
        });
    }
}

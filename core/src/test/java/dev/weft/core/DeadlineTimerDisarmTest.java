package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A deadline's timer is stopped when the deadline moves and when its block is left (virtual time). */
@Timeout(10)
class DeadlineTimerDisarmTest {

    @Test
    void removingTheDeadlineStopsItsTimer() {
        try (TestLoop test = TestLoop.open()) {
            boolean finished = test.run(() -> Weft.moveOnAfter(Duration.ofSeconds(1), () -> {
                CancelScope.current().setDeadline(Long.MAX_VALUE);
                Weft.sleep(Duration.ofSeconds(2));
            }));
            assertTrue(finished, "the removed deadline still cancelled the block");
            assertEquals(Duration.ofSeconds(2).toNanos(), test.now());
        }
    }

    @Test
    void movingTheDeadlineLaterStopsTheEarlierTimer() {
        try (TestLoop test = TestLoop.open()) {
            boolean finished = test.run(() -> Weft.moveOnAfter(Duration.ofSeconds(1), () -> {
                CancelScope.current().setDeadlineAfter(Duration.ofSeconds(5));
                Weft.sleep(Duration.ofSeconds(2));
            }));
            assertTrue(finished, "the earlier deadline still cancelled the block");
        }
    }

    @Test
    void movingTheDeadlineEarlierFiresAtTheNewTime() {
        try (TestLoop test = TestLoop.open()) {
            assertThrows(DeadlineExceededException.class, () -> test.run(() -> Weft.failAfter(Duration.ofSeconds(10), () -> {
                CancelScope.current().setDeadlineAfter(Duration.ofSeconds(3));
                Weft.sleep(Duration.ofSeconds(5));
            })));
            assertEquals(Duration.ofSeconds(3).toNanos(), test.now());
        }
    }

    @Test
    void aDeadlineAlreadyPassedCancelsAtOnce() {
        try (TestLoop test = TestLoop.open()) {
            boolean finished = test.run(() -> Weft.moveOnAfter(Duration.ofSeconds(10), () -> {
                CancelScope.current().setDeadline(test.now());
                // inline, not through a timer due now: the carrier runs no timer while this task runs
                assertTrue(CancelScope.current().isCancelled(), "a deadline of now did not cancel the block inline");
                Weft.sleep(Duration.ofSeconds(5));
            }));
            assertFalse(finished);
            assertEquals(0, test.now(), "the passed deadline cancelled the block without waiting");
        }
    }

    @Test
    void leavingABlockStopsItsTimerSoItsScopeIsNeverCancelledAfterwards() {
        try (TestLoop test = TestLoop.open()) {
            AtomicReference<CancelScope> failScope = new AtomicReference<>();
            AtomicReference<CancelScope> moveScope = new AtomicReference<>();
            test.run(() -> {
                Weft.failAfter(Duration.ofSeconds(1), () -> failScope.set(CancelScope.current()));
                assertTrue(Weft.moveOnAfter(Duration.ofSeconds(1), () -> moveScope.set(CancelScope.current())));
                Weft.sleep(Duration.ofSeconds(5));
            });
            assertFalse(failScope.get().isCancelled(), "the failAfter block's timer fired after the block was left");
            assertFalse(moveScope.get().isCancelled(), "the moveOnAfter block's timer fired after the block was left");
        }
    }

    @Test
    void leavingAShieldStopsTheTimerOfADeadlineSetOnIt() {
        try (TestLoop test = TestLoop.open()) {
            AtomicReference<CancelScope> shield = new AtomicReference<>();
            test.run(() -> {
                Weft.shield(() -> {
                    shield.set(CancelScope.current());
                    CancelScope.current().setDeadlineAfter(Duration.ofSeconds(1));
                });
                Weft.sleep(Duration.ofSeconds(5));
            });
            assertFalse(shield.get().isCancelled(), "the shield's timer fired after the shield was left");
        }
    }

    @Test
    void aTimeoutCarriesTheCancellationItTurnedIntoAsItsCause() {
        try (TestLoop test = TestLoop.open()) {
            DeadlineExceededException e = assertThrows(DeadlineExceededException.class,
                    () -> test.run(() -> Weft.failAfter(Duration.ofSeconds(1), () -> Weft.sleep(Duration.ofSeconds(2)))));
            assertTrue(e.getMessage().contains("deadline of PT1S exceeded"), e.getMessage());
            assertTrue(e.getCause() instanceof CancelledException, String.valueOf(e.getCause()));
        }
    }

    @Test
    void aCancelledScopeKeepsItsDeadlineValueButNeverFiresAgain() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> assertFalse(Weft.moveOnAfter(Duration.ofSeconds(10), () -> {
                CancelScope scope = CancelScope.current();
                scope.cancel("by the test");
                scope.setDeadline(Duration.ofSeconds(1).toNanos());
                assertEquals(Duration.ofSeconds(1).toNanos(), scope.deadline());
                Weft.sleep(Duration.ofSeconds(5));
            })));
            assertEquals(0, test.now(), "the block was cancelled at once, by the cancel");
        }
    }

    @Test
    void closingAScopeStopsTheTimerOfADeadlineSetOnItsBody() {
        try (TestLoop test = TestLoop.open()) {
            AtomicReference<CancelScope> body = new AtomicReference<>();
            test.run(() -> {
                try (TaskScope scope = TaskScope.open()) {
                    body.set(CancelScope.current());
                    CancelScope.current().setDeadlineAfter(Duration.ofSeconds(1));
                    scope.join();
                }
                Weft.sleep(Duration.ofSeconds(5));
            });
            assertFalse(body.get().isCancelled(), "the scope body's timer fired after the scope closed");
        }
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The thread's interrupt status follows the task's cancellation status at region borders, so
 * that JDK blocking calls (which see only the interrupt) agree with Weft: leaving a cancelled
 * region clears it, entering a shield drops it, leaving the shield restores it.
 */
@Timeout(10)
class CancelInterruptFlagTest {

    @Test
    void leavingACancelledBlockClearsTheInterruptStatus() throws Exception {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                assertFalse(Weft.moveOnAfter(Duration.ofMillis(1), () -> Weft.sleep(Duration.ofSeconds(1))));
                assertFalse(Thread.currentThread().isInterrupted(), "the block's cancellation leaked out as an interrupt");
                Thread.sleep(1); // a JDK blocking call works again
            });
        }
    }

    @Test
    void leavingABlockWhoseDeadlineWasMovedToNowClearsTheInterruptStatus() {
        Weft.run(() -> {
            assertFalse(Weft.moveOnAfter(Duration.ofMinutes(1), () -> {
                expireNow();
                assertTrue(Thread.currentThread().isInterrupted(), "a cancelled region interrupts its thread");
                Weft.checkCancelled();
            }));
            assertFalse(Thread.currentThread().isInterrupted(), "the block's cancellation leaked out as an interrupt");
        });
    }

    @Test
    void enteringAShieldDropsTheInterruptAndLeavingItRestoresIt() throws Exception {
        Weft.run(() -> {
            AtomicBoolean insideShield = new AtomicBoolean(true);
            assertFalse(Weft.moveOnAfter(Duration.ofMinutes(1), () -> {
                expireNow();
                assertTrue(Thread.currentThread().isInterrupted());
                Weft.shield(() -> {
                    insideShield.set(Thread.currentThread().isInterrupted());
                    Thread.sleep(1); // the shielded region may block in the JDK
                });
                assertTrue(Thread.currentThread().isInterrupted(), "still cancelled outside the shield");
                Weft.checkCancelled();
            }));
            assertFalse(insideShield.get(), "a stale interrupt reached the shielded region");
        });
    }

    @Test
    void leavingAnUncancelledShieldInsideACancelledRegionKeepsTheRegionCancelled() {
        Weft.run(() -> {
            assertFalse(Weft.moveOnAfter(Duration.ofMinutes(1), () -> {
                expireNow();
                Weft.shield(() -> Weft.sleep(Duration.ofMillis(1)));
                assertTrue(Thread.currentThread().isInterrupted(), "leaving the shield must restore the interrupt");
                Weft.sleep(Duration.ofMinutes(1));
            }));
        });
    }

    /** Moves the current block's deadline to now: the block is cancelled by its own deadline. */
    private static void expireNow() {
        CancelScope.current().setDeadline(Loop.current().time());
    }
}

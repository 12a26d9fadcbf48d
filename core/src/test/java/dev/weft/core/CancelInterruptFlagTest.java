package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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

    @Test
    void aForeignInterruptWhileJoiningAScopeIsKept() throws Exception {
        Weft.run(() -> {
            Thread owner = Thread.currentThread();
            Event release = Event.create();
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(release::awaitSet);
                Thread interrupter = Thread.ofPlatform().start(() -> {
                    SyncTesting.awaitUntil(() -> owner.getState() == Thread.State.WAITING);
                    owner.interrupt(); // not a cancellation: a plain interrupt from outside Weft
                    release.set();
                });
                scope.join();
                boolean kept = Thread.interrupted();
                interrupter.join();
                assertTrue(kept, "join swallowed an interrupt that was not a cancellation");
            }
        });
    }

    @Test
    void aJoinThatThrowsTheScopesFailureLeavesTheBodyInterrupted() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                boolean interrupted;
                try (TaskScope scope = TaskScope.open()) {
                    scope.spawn(() -> {
                        Weft.sleep(Duration.ofSeconds(1)); // fails while the owner is parked in join
                        throw new IllegalStateException("boom");
                    });
                    assertThrows(TaskScopeFailedException.class, scope::join);
                    // the body is cancelled: a JDK blocking call in it must fail at once
                    interrupted = Thread.interrupted();
                }
                assertTrue(interrupted, "after the scope failed, its body was not left interrupted");
            });
        }
    }

    @Test
    void aJoinThatThrowsTheFailureInterruptsAnOwnerThatSwallowedItsInterrupt() {
        Weft.run(() -> {
            boolean interrupted;
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> {
                    throw new IllegalStateException("boom");
                });
                try {
                    new CountDownLatch(1).await(); // a JDK wait that only the body's cancellation ends
                } catch (InterruptedException swallowed) {
                    // the interrupt is gone; the body is still cancelled
                }
                assertThrows(TaskScopeFailedException.class, scope::join);
                interrupted = Thread.interrupted();
            }
            assertTrue(interrupted, "join threw the failure of a cancelled body and left its owner uninterrupted");
        });
    }

    @Test
    void aFirstSuccessJoinWhoseTasksAllFailedLeavesTheBodyUninterrupted() throws Exception {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope scope = TaskScope.openFirstSuccess()) {
                    scope.spawn(() -> {
                        Weft.sleep(Duration.ofSeconds(1));
                        throw new IllegalStateException("first attempt failed");
                    });
                    scope.spawn(() -> {
                        Weft.sleep(Duration.ofSeconds(2));
                        throw new IllegalStateException("second attempt failed");
                    });
                    assertThrows(TaskScopeFailedException.class, scope::join);
                    assertFalse(scope.isCancelled());
                    assertFalse(Thread.currentThread().isInterrupted(),
                            "nothing was cancelled, yet the body was left interrupted: its next JDK call would fail");
                    new CountDownLatch(0).await(); // a JDK wait: fails at once if the thread is interrupted
                }
            });
        }
    }

    @Test
    void aJoinInsideAShieldThatThrowsTheScopesFailureLeavesTheShieldUninterrupted() throws Exception {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope scope = TaskScope.open()) {
                    scope.spawn(() -> {
                        Weft.sleep(Duration.ofSeconds(1));
                        throw new IllegalStateException("boom");
                    });
                    Weft.shield(() -> {
                        assertThrows(TaskScopeFailedException.class, scope::join);
                        assertFalse(Thread.currentThread().isInterrupted(),
                                "the shielded region is not cancelled, yet join left it interrupted");
                        new CountDownLatch(0).await(); // a JDK wait: fails at once if interrupted
                    });
                    assertTrue(Thread.currentThread().isInterrupted(), "outside the shield the body is cancelled");
                }
            });
        }
    }

    @Test
    void leavingAnUncancelledBlockKeepsAForeignInterrupt() {
        Weft.run(() -> {
            Thread.currentThread().interrupt(); // not Weft's: a plain interrupt the task gave itself
            assertTrue(Weft.moveOnAfter(Duration.ofMinutes(1), () -> { }));
            Weft.cancelScope(() -> { });
            assertTrue(Thread.interrupted(), "leaving an uncancelled block cleared an interrupt it did not set");
        });
    }

    @Test
    void aCheckpointThatThrowsLeavesTheThreadInterruptedEvenIfTheFlagWasCleared() {
        Weft.run(() -> assertFalse(Weft.moveOnAfter(Duration.ofMinutes(1), () -> {
            expireNow();
            Thread.interrupted(); // code in the region cleared the flag (a library that swallows interrupts)
            try {
                Weft.checkCancelled();
            } catch (CancelledException e) {
                // still inside the cancelled block: JDK calls must see the cancellation too
                assertTrue(Thread.currentThread().isInterrupted(), "the cancelled region's thread is not interrupted");
                throw e;
            }
        })));
    }
}

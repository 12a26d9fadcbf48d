package dev.weft.core;

import static dev.weft.core.SyncTesting.awaitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link Parking#parkUntil}, the one cancellable park under every blocking call
 * (ADR 0016): a wake is never lost, a cancellation withdraws and throws, a waker that decided
 * first wins over a cancellation, and interrupts end as they came (a task's foreign interrupt is
 * set again; a plain thread's interrupt is its cancellation and stays set). Runs on the loop kind
 * the build selects (both, in core's two suite runs).
 */
@Timeout(30)
class ParkingContractTest {
    private static final int ROUNDS = 500;

    /** A registration: the waiting thread, the condition, and how often it was withdrawn. */
    private static final class Registration {
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicInteger withdrawn = new AtomicInteger();
        volatile Thread thread;

        void park() {
            thread = Thread.currentThread();
            Parking.parkUntil(done::get, this, () -> {
                withdrawn.incrementAndGet();
                return true;
            });
        }

        void wake() {
            done.set(true);
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        boolean parked() {
            Thread t = thread;
            return t != null && LockSupport.getBlocker(t) == this;
        }
    }

    @Test
    void aWakeJustBeforeOrDuringTheParkIsNeverLost() {
        Weft.run(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                Registration r = new Registration();
                r.thread = Thread.currentThread(); // registered before the waker runs
                try (TaskScope scope = TaskScope.open()) {
                    scope.spawn(r::wake); // races with the park below: before it, or during it
                    Parking.parkUntil(r.done::get, r, () -> true);
                    scope.join();
                }
                assertTrue(r.done.get());
                assertEquals(0, r.withdrawn.get(), "a wait that ended by its wake withdrew");
            }
        });
    }

    @Test
    void aForeignInterruptWhileParkedIsSetAgainAfterTheWait() {
        Weft.run(() -> {
            Registration r = new Registration();
            AtomicBoolean interruptedAfter = new AtomicBoolean();
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> {
                    r.park();
                    interruptedAfter.set(Thread.interrupted());
                });
                awaitUntil(r::parked);
                r.thread.interrupt(); // not a cancellation: the wait goes on
                awaitUntil(r::parked); // parked again after the interrupt woke it
                r.wake();
                scope.join();
            }
            assertTrue(interruptedAfter.get(), "the foreign interrupt was lost");
            assertEquals(0, r.withdrawn.get(), "a foreign interrupt withdrew the wait");
        });
    }

    @Test
    void aForeignInterruptSetBeforeTheWaitIsSetAgainAfterIt() {
        Weft.run(() -> {
            Registration r = new Registration();
            AtomicBoolean interruptedAfter = new AtomicBoolean();
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> {
                    Thread.currentThread().interrupt();
                    r.park();
                    interruptedAfter.set(Thread.interrupted());
                });
                awaitUntil(r::parked); // it parks in spite of the interrupt
                r.wake();
                scope.join();
            }
            assertTrue(interruptedAfter.get(), "the foreign interrupt was lost");
        });
    }

    @Test
    void aCancellationWhileParkedWithdrawsOnceAndThrows() {
        Weft.run(() -> {
            for (int round = 0; round < 20; round++) {
                Registration r = new Registration();
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                AtomicBoolean interruptedAfter = new AtomicBoolean();
                try (TaskScope scope = TaskScope.open()) {
                    Task<?> waiting = scope.spawn(() -> {
                        try {
                            r.park();
                        } catch (RuntimeException e) {
                            thrown.set(e);
                            interruptedAfter.set(Thread.currentThread().isInterrupted());
                            throw e;
                        }
                    });
                    awaitUntil(r::parked);
                    waiting.cancel("cancelled by the test");
                    scope.join();
                }
                assertTrue(thrown.get() instanceof CancelledException, "threw " + thrown.get());
                assertEquals(1, r.withdrawn.get(), "withdrawals");
                assertFalse(r.done.get());
                assertTrue(interruptedAfter.get(), "a cancelled task's thread is left interrupted");
            }
        });
    }

    @Test
    void aWakerThatDecidedFirstWinsOverTheCancellation() {
        Weft.run(() -> {
            AtomicBoolean done = new AtomicBoolean();
            AtomicBoolean returned = new AtomicBoolean();
            AtomicBoolean checkpointThrew = new AtomicBoolean();
            Thread me = Thread.currentThread();
            SyncTesting.whileCancelled(() -> {
                // the withdrawal finds the wait decided: its waker got there first
                Parking.parkUntil(done::get, done, () -> {
                    Thread.ofPlatform().start(() -> {
                        done.set(true);
                        LockSupport.unpark(me);
                    });
                    return false;
                });
                returned.set(true);
                try {
                    Weft.checkCancelled();
                } catch (CancelledException e) {
                    checkpointThrew.set(true); // the cancellation is raised at the next checkpoint
                }
            });
            assertTrue(returned.get(), "a wait decided by its waker must return normally");
            assertTrue(checkpointThrew.get(), "the cancellation must stay for the next checkpoint");
        });
    }

    @Test
    void aPlainThreadsInterruptIsItsCancellationAndStaysSet() throws Exception {
        for (int round = 0; round < 20; round++) {
            Registration r = new Registration();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean interruptedAfter = new AtomicBoolean();
            Thread plain = Thread.ofPlatform().start(() -> {
                try {
                    r.park();
                } catch (RuntimeException e) {
                    thrown.set(e);
                    interruptedAfter.set(Thread.currentThread().isInterrupted());
                }
            });
            awaitUntil(r::parked);
            plain.interrupt();
            assertTrue(plain.join(Duration.ofSeconds(10)), "the interrupt did not end the wait");
            assertTrue(thrown.get() instanceof CancelledException, "threw " + thrown.get());
            assertEquals(1, r.withdrawn.get(), "withdrawals");
            assertTrue(interruptedAfter.get(), "a plain thread's interrupt must stay set");
        }
    }

    @Test
    void aPlainThreadAlreadyInterruptedDoesNotPark() {
        Registration r = new Registration();
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancelledException.class, r::park);
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt must stay set");
            assertEquals(1, r.withdrawn.get());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aWaitThatIsAlreadyDoneReturnsWithoutLookingForACancellation() {
        AtomicInteger withdrawn = new AtomicInteger();
        Thread.currentThread().interrupt();
        try {
            Parking.parkUntil(() -> true, this, () -> withdrawn.incrementAndGet() > 0);
            assertEquals(0, withdrawn.get());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void nullArgumentsAreRefusedWithWhatToPass() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Parking.parkUntil(() -> true, this, null));
        assertTrue(e.getMessage().contains("withdraw"), e.getMessage());
    }
}

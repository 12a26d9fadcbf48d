package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LockCancellationTest {

    @Test
    void aCancelledWaiterLeavesTheLineWithoutTheLock() {
        Weft.run(() -> {
            Lock lock = Lock.create();
            lock.acquire();
            try (var scope = TaskScope.open()) {
                Task<Void> waiter = scope.spawn(lock::acquire);
                SyncTesting.awaitUntil(() -> lock.statistics().waiters() == 1);
                waiter.cancel("no longer needed");
                scope.join();
                assertEquals(Task.State.CANCELLED, waiter.state());
            }
            assertEquals(0, lock.statistics().waiters());
            assertTrue(lock.isHeldByCurrentTask());
            lock.release();
            assertFalse(lock.isLocked(), "the cancelled waiter did not get the lock");
        });
    }

    @Test
    void aTimedOutAcquireThrowsDeadlineExceededAndLeavesNoWaiter() {
        Weft.run(() -> {
            Lock lock = Lock.create();
            lock.acquire();
            try (var scope = TaskScope.open()) {
                Task<DeadlineExceededException> waiter = scope.spawn(() -> assertThrows(DeadlineExceededException.class,
                        () -> Weft.failAfter(Duration.ofMillis(20), lock::acquire)));
                scope.join();
                assertTrue(waiter.resultNow().getMessage().contains("deadline"));
            }
            assertEquals(0, lock.statistics().waiters());
            lock.release();
            assertFalse(lock.isLocked());
        });
    }

    @Test
    void acquireIsACheckpointEvenWhenTheLockIsFree() {
        Weft.run(() -> {
            Lock lock = Lock.create();
            SyncTesting.whileCancelled(() -> assertThrows(CancelledException.class, lock::acquire));
            assertFalse(lock.isLocked(), "a cancelled acquire does not take the lock");
        });
    }

    @Test
    void releaseIsNotACheckpointSoItIsSafeInFinally() {
        Weft.run(() -> {
            Lock lock = Lock.create();
            lock.acquire();
            SyncTesting.whileCancelled(lock::release);
            assertFalse(lock.isLocked());
        });
    }

    @Test
    void theLockGoesToTheNextWaiterWhenTheFirstIsCancelled() {
        Weft.run(() -> {
            Lock lock = Lock.create();
            lock.acquire();
            try (var scope = TaskScope.open()) {
                Task<Void> first = scope.spawn(lock::acquire);
                SyncTesting.awaitUntil(() -> lock.statistics().waiters() == 1);
                Task<Boolean> second = scope.spawn(() -> {
                    lock.acquire();
                    boolean held = lock.isHeldByCurrentTask();
                    lock.release();
                    return held;
                });
                SyncTesting.awaitUntil(() -> lock.statistics().waiters() == 2);
                first.cancel("not needed");
                SyncTesting.awaitUntil(() -> lock.statistics().waiters() == 1);
                lock.release();
                scope.join();
                assertTrue(second.resultNow());
            }
            assertFalse(lock.isLocked());
        });
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SemaphoreCancellationTest {

    @Test
    void aCancelledWaiterDoesNotLeakAPermit() {
        Weft.run(() -> {
            Semaphore s = Semaphore.create(0);
            try (var scope = TaskScope.open()) {
                Task<Void> cancelled = scope.spawn(s::acquire);
                SyncTesting.awaitUntil(() -> s.statistics().waiters() == 1);
                cancelled.cancel("gone");
                SyncTesting.awaitUntil(() -> s.statistics().waiters() == 0);
                s.release();
                scope.join();
                assertEquals(Task.State.CANCELLED, cancelled.state());
            }
            assertEquals(1, s.available(), "the permit released after the cancellation is still there");
        });
    }

    @Test
    void aWaiterGrantedAPermitAndThenCancelledKeepsOrPassesItButNeverLosesIt() {
        Weft.run(() -> {
            Semaphore s = Semaphore.create(0);
            Event never = Event.create();
            try (var scope = TaskScope.open()) {
                Task<Void> waiter = scope.spawn(() -> {
                    s.acquire();
                    try {
                        never.awaitSet(); // cancelled after the grant: raised here at the latest
                    } finally {
                        s.release();
                    }
                });
                SyncTesting.awaitUntil(() -> s.statistics().waiters() == 1);
                s.release();               // hands the permit to the waiter...
                waiter.cancel("too late"); // ...which is cancelled before it runs
                scope.join();
                assertEquals(Task.State.CANCELLED, waiter.state());
            }
            assertEquals(new Semaphore.Statistics(1, 0), s.statistics());
        });
    }

    @Test
    void aTimedOutAcquireLeavesNoWaiterAndTakesNoPermit() {
        Weft.run(() -> {
            Semaphore s = Semaphore.create(0);
            assertThrows(DeadlineExceededException.class, () -> Weft.failAfter(Duration.ofMillis(10), s::acquire));
            assertEquals(new Semaphore.Statistics(0, 0), s.statistics());
            s.release();
            assertEquals(1, s.available());
        });
    }

    @Test
    void acquireIsACheckpointEvenWithPermitsFree() {
        Weft.run(() -> {
            Semaphore s = Semaphore.create(1);
            SyncTesting.whileCancelled(() -> assertThrows(CancelledException.class, s::acquire));
            assertEquals(1, s.available());
            BoundedSemaphore b = BoundedSemaphore.create(1);
            SyncTesting.whileCancelled(() -> assertThrows(CancelledException.class, b::acquire));
            assertEquals(1, b.available());
        });
    }

    @Test
    void tryAcquireAndReleaseAreNotCheckpoints() {
        Weft.run(() -> {
            Semaphore s = Semaphore.create(1);
            SyncTesting.whileCancelled(() -> {
                assertTrue(s.tryAcquire(), "a cancelled task still takes a free permit without waiting");
                assertEquals(0, s.available());
                s.release();
            });
            assertEquals(1, s.available());
        });
    }
}

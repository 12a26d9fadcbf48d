package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LockOwnershipTest {

    @Test
    void acquiringTwiceInOneTaskThrowsInsteadOfDeadlocking() {
        Weft.run(() -> {
            Lock lock = Lock.create();
            lock.acquire();
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::acquire);
            assertTrue(e.getMessage().contains("not reentrant"), e.getMessage());
            assertThrows(IllegalStateException.class, lock::tryAcquire);
            assertTrue(lock.isHeldByCurrentTask(), "the failed re-acquire leaves the lock held");
            lock.release();
            assertFalse(lock.isLocked());
        });
    }

    @Test
    void onlyTheHolderMayRelease() {
        Weft.run(() -> {
            Lock lock = Lock.create();
            lock.acquire();
            try (var scope = TaskScope.open()) {
                Task<IllegalStateException> other = scope.spawn("intruder",
                        () -> assertThrows(IllegalStateException.class, lock::release));
                scope.join();
                String message = other.resultNow().getMessage();
                assertTrue(message.contains("'intruder'") && message.contains("'main'"), message);
                assertTrue(message.contains("only the holder may release"), message);
            }
            assertTrue(lock.isHeldByCurrentTask(), "a refused release leaves the lock with its holder");
            lock.release();
        });
    }

    @Test
    void releasingAFreeLockSaysItIsNotHeld() {
        Weft.run(() -> {
            Lock lock = Lock.create();
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
            assertTrue(e.getMessage().contains("not held"), e.getMessage());
        });
    }

    @Test
    void tryAcquireTakesAFreeLockAndNeverWaits() {
        Weft.run(() -> {
            Lock lock = Lock.create();
            assertTrue(lock.tryAcquire());
            try (var scope = TaskScope.open()) {
                Task<Boolean> other = scope.spawn(lock::tryAcquire);
                scope.join();
                assertFalse(other.resultNow());
            }
            lock.release();
        });
    }

    @Test
    void statisticsNameTheOwnerAndCountWaiters() {
        Weft.run(() -> {
            Lock lock = Lock.create();
            assertEquals(new Lock.Statistics(false, Optional.empty(), 0), lock.statistics());
            lock.acquire();
            try (var scope = TaskScope.open()) {
                scope.spawn(() -> {
                    lock.acquire();
                    lock.release();
                });
                SyncTesting.awaitUntil(() -> lock.statistics().waiters() == 1);
                Lock.Statistics s = lock.statistics();
                assertTrue(s.locked());
                assertEquals(Optional.of(Weft.currentTask()), s.owner());
                lock.release();
                scope.join();
            }
            assertEquals(new Lock.Statistics(false, Optional.empty(), 0), lock.statistics());
        });
    }

    @Test
    void aPlainThreadHoldsTheLockAsItself() throws Exception {
        Lock lock = Lock.create();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicReference<Boolean> heldByThread = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                lock.acquire();
                heldByThread.set(lock.isHeldByCurrentTask());
                lock.release();
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        t.join();
        if (failed.get() != null) {
            throw new AssertionError("the plain thread failed", failed.get());
        }
        assertEquals(Boolean.TRUE, heldByThread.get(), "the plain thread holds the lock as itself");
        assertFalse(lock.isLocked());
        lock.acquire();
        Lock.Statistics s = lock.statistics();
        assertTrue(s.locked());
        assertEquals(Optional.empty(), s.owner(), "a plain thread is not a task");
        lock.release();
    }

    @Test
    void isLockedAndIsHeldByCurrentTaskFollowTheHolder() {
        Weft.run(() -> {
            Lock lock = Lock.create();
            assertFalse(lock.isLocked(), "a new lock is free");
            assertFalse(lock.isHeldByCurrentTask(), "nobody holds a new lock");
            lock.acquire();
            assertTrue(lock.isLocked(), "acquired, so locked");
            assertTrue(lock.isHeldByCurrentTask(), "the acquiring task holds it");
            assertEquals("Lock[locked, waiters=0]", lock.toString());
            try (var scope = TaskScope.open()) {
                Task<Boolean> otherHolds = scope.spawn(lock::isHeldByCurrentTask);
                Task<Boolean> otherSeesLocked = scope.spawn(lock::isLocked);
                scope.join();
                assertFalse(otherHolds.resultNow(), "another task does not hold it");
                assertTrue(otherSeesLocked.resultNow(), "another task sees it locked");
            }
            lock.release();
            assertFalse(lock.isLocked(), "released, so free");
            assertFalse(lock.isHeldByCurrentTask(), "released, so not held");
        });
    }

    @Test
    void queriesLeaveTheLockFreeForOtherThreads() throws Exception {
        LockImpl lock = LockImpl.create();
        // every query, from this thread: each must let go of the lock's guard (which is reentrant,
        // so this thread alone would not notice)
        assertFalse(lock.isLocked());
        assertFalse(lock.isHeldByCurrentTask());
        assertEquals(null, lock.holder(), "a free lock has no holder for a dump");
        assertEquals(new Lock.Statistics(false, Optional.empty(), 0), lock.statistics());
        assertEquals("Lock[unlocked, waiters=0]", lock.toString());
        var other = CompletableFuture.supplyAsync(() -> {
            boolean got = lock.tryAcquire();
            lock.release();
            return got;
        }, r -> Thread.ofPlatform().daemon().start(r));
        try {
            assertTrue(other.get(5, TimeUnit.SECONDS), "another thread could not take the free lock");
        } catch (TimeoutException e) {
            throw new AssertionError("another thread stayed blocked on the lock: a query left its guard held", e);
        }
    }
}

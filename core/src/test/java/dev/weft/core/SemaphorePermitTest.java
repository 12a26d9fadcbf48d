package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.testing.TestLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SemaphorePermitTest {

    @Test
    void aNegativeCountIsRefusedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Semaphore.create(-1));
        assertTrue(e.getMessage().contains("negative") && e.getMessage().contains("0 or more"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BoundedSemaphore.create(-3));
    }

    @Test
    void toStringShowsTheKindThePermitsAndTheWaiters() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Semaphore s = Semaphore.create(1);
                assertEquals("Semaphore[available=1, waiters=0]", s.toString());
                BoundedSemaphore b = BoundedSemaphore.create(2);
                b.acquire();
                b.acquire();
                try (TaskScope scope = TaskScope.open()) {
                    scope.spawn(b::acquire);
                    test.awaitAllBlocked();
                    assertEquals("BoundedSemaphore[available=0, waiters=1]", b.toString());
                    b.release();
                    scope.join();
                }
            });
        }
    }

    @Test
    void permitsAreCountedAndReleaseMayRaiseTheCount() {
        Weft.run(() -> {
            Semaphore s = Semaphore.create(2);
            s.acquire();
            assertTrue(s.tryAcquire());
            assertFalse(s.tryAcquire());
            assertEquals(new Semaphore.Statistics(0, 0), s.statistics());
            s.release();
            s.release();
            s.release(); // not bounded: the count may go above the start
            assertEquals(3, s.available());
        });
    }

    @Test
    void atMostThePermitCountOfTasksRunAtOnce() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Weft.run(() -> {
            Semaphore s = Semaphore.create(3);
            try (var scope = TaskScope.open()) {
                for (int t = 0; t < 12; t++) {
                    scope.spawn(() -> {
                        for (int i = 0; i < 200; i++) {
                            s.acquire();
                            try {
                                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                                Weft.yieldNow();
                                inside.decrementAndGet();
                            } finally {
                                s.release();
                            }
                        }
                    });
                }
                scope.join();
            }
            assertEquals(3, s.available());
        });
        assertTrue(most.get() <= 3, "at most 3 at once, saw " + most.get());
    }

    @Test
    void waitersGetPermitsInArrivalOrder() {
        List<Integer> order = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            Semaphore s = Semaphore.create(0);
            try (var scope = TaskScope.open()) {
                for (int i = 0; i < 5; i++) {
                    int id = i;
                    scope.spawn(() -> {
                        s.acquire();
                        order.add(id);
                    });
                    SyncTesting.awaitUntil(() -> s.statistics().waiters() == id + 1);
                }
                for (int i = 0; i < 5; i++) {
                    int expected = i + 1;
                    s.release();
                    SyncTesting.awaitUntil(() -> order.size() == expected);
                    assertFalse(s.tryAcquire(), "a released permit goes to the waiter, not to a newcomer");
                }
                scope.join();
            }
        });
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    @Test
    void aBoundedSemaphoreRefusesAReleaseWithoutAcquire() {
        Weft.run(() -> {
            BoundedSemaphore pool = BoundedSemaphore.create(2);
            assertEquals(2, pool.bound());
            pool.acquire();
            pool.release();
            IllegalStateException e = assertThrows(IllegalStateException.class, pool::release);
            assertTrue(e.getMessage().contains("released more times than acquired"), e.getMessage());
            assertEquals(2, pool.available(), "the refused release changed nothing");
        });
    }

    @Test
    void aBoundedSemaphoreHandsAReleaseToAWaiter() {
        Weft.run(() -> {
            BoundedSemaphore pool = BoundedSemaphore.create(1);
            pool.acquire();
            try (var scope = TaskScope.open()) {
                scope.spawn(() -> {
                    pool.acquire();
                    pool.release();
                });
                SyncTesting.awaitUntil(() -> pool.statistics().waiters() == 1);
                pool.release();
                scope.join();
            }
            assertEquals(1, pool.available());
            assertThrows(IllegalStateException.class, pool::release);
        });
    }

    @Test
    void aReleaseHandedToAWaiterDoesNotAlsoRaiseTheCount() {
        Weft.run(() -> {
            Semaphore s = Semaphore.create(1);
            s.acquire();
            Event holding = Event.create();
            Event done = Event.create();
            try (var scope = TaskScope.open()) {
                scope.spawn(() -> {
                    s.acquire();
                    holding.set();
                    done.awaitSet();
                    s.release();
                });
                SyncTesting.awaitUntil(() -> s.statistics().waiters() == 1);
                s.release(); // goes to the waiter
                holding.awaitSet();
                assertEquals(0, s.available(), "the permit went to the waiter and was also counted as free");
                assertFalse(s.tryAcquire(), "a second task got the permit the waiter holds");
                done.set();
                scope.join();
            }
            assertEquals(1, s.available());
        });
    }

    @Test
    void queriesLeaveTheSemaphoreFreeForOtherThreads() throws Exception {
        Semaphore s = Semaphore.create(1);
        // every call that takes the guard, from this thread: each must let go of it
        assertEquals(1, s.available());
        assertEquals(1, s.statistics().available());
        assertTrue(s.tryAcquire());
        assertFalse(s.tryAcquire());
        s.release();
        var other = CompletableFuture.supplyAsync(() -> {
            boolean got = s.tryAcquire();
            s.release();
            return got;
        }, r -> Thread.ofPlatform().start(r));
        try {
            assertTrue(other.get(5, TimeUnit.SECONDS), "another thread could not take the free permit");
        } catch (TimeoutException e) {
            throw new AssertionError("another thread stayed blocked on the semaphore: a query left its guard held", e);
        }
    }

    @Test
    void anUnboundedSemaphoreFullOfPermitsSaysSoOnRelease() {
        Semaphore s = Semaphore.create(Integer.MAX_VALUE);
        IllegalStateException e = assertThrows(IllegalStateException.class, s::release);
        assertTrue(e.getMessage().contains("already holds Integer.MAX_VALUE permits"), e.getMessage());
        assertEquals(Integer.MAX_VALUE, s.available());
    }
}

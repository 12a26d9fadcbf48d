package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConditionSignalTest {

    @Test
    void everyCallNeedsTheLock() {
        Weft.run(() -> {
            Condition c = Condition.create();
            IllegalStateException e = assertThrows(IllegalStateException.class, c::awaitSignal);
            assertTrue(e.getMessage().contains("lock().acquire()"), e.getMessage());
            assertThrows(IllegalStateException.class, c::signal);
            assertThrows(IllegalStateException.class, c::signalAll);
            assertThrows(IllegalStateException.class, () -> c.awaitUntil(() -> true));
        });
    }

    @Test
    void signalWakesTheLongestWaiterWhichHoldsTheLockAgain() {
        List<Integer> woken = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            Lock lock = Lock.create();
            Condition c = Condition.create(lock);
            assertSame(lock, c.lock());
            try (var scope = TaskScope.open()) {
                for (int i = 0; i < 3; i++) {
                    int id = i;
                    scope.spawn(() -> {
                        lock.acquire();
                        try {
                            c.awaitSignal();
                            assertTrue(lock.isHeldByCurrentTask());
                            woken.add(id);
                        } finally {
                            lock.release();
                        }
                    });
                    SyncTesting.awaitUntil(() -> c.statistics().waiters() == id + 1);
                }
                for (int i = 0; i < 3; i++) {
                    int expected = i + 1;
                    lock.acquire();
                    c.signal();
                    lock.release();
                    SyncTesting.awaitUntil(() -> woken.size() == expected);
                }
                scope.join();
            }
        });
        assertEquals(List.of(0, 1, 2), woken);
    }

    @Test
    void signalAllWakesEveryWaiter() {
        Weft.run(() -> {
            Condition c = Condition.create();
            try (var scope = TaskScope.open()) {
                for (int i = 0; i < 4; i++) {
                    scope.spawn(() -> {
                        c.lock().acquire();
                        try {
                            c.awaitSignal();
                        } finally {
                            c.lock().release();
                        }
                    });
                }
                SyncTesting.awaitUntil(() -> c.statistics().waiters() == 4);
                c.lock().acquire();
                c.signalAll();
                assertEquals(0, c.statistics().waiters());
                c.lock().release();
                scope.join();
            }
        });
    }

    @Test
    void aSignalWithNobodyWaitingIsNotRemembered() {
        Weft.run(() -> {
            Condition c = Condition.create();
            c.lock().acquire();
            try {
                c.signal();
                assertFalse(Weft.moveOnAfter(Duration.ofMillis(20), c::awaitSignal));
                assertTrue(c.lock().isHeldByCurrentTask(), "the timed-out wait took the lock back");
            } finally {
                c.lock().release();
            }
        });
    }

    @Test
    void awaitUntilWaitsForThePredicate() {
        Weft.run(() -> {
            Condition c = Condition.create();
            List<Integer> items = new ArrayList<>();
            try (var scope = TaskScope.open()) {
                Task<Integer> consumer = scope.spawn(() -> {
                    c.lock().acquire();
                    try {
                        c.awaitUntil(() -> items.size() >= 3);
                        return items.size();
                    } finally {
                        c.lock().release();
                    }
                });
                for (int i = 0; i < 3; i++) {
                    SyncTesting.awaitUntil(() -> c.statistics().waiters() == 1);
                    c.lock().acquire();
                    items.add(i);
                    c.signal();
                    c.lock().release();
                }
                scope.join();
                assertEquals(3, consumer.resultNow());
            }
        });
    }

    @Test
    void aCancelledWaitReacquiresTheLockBeforeItThrows() {
        Weft.run(() -> {
            Condition c = Condition.create();
            try (var scope = TaskScope.open()) {
                Task<Boolean> waiter = scope.spawn(() -> {
                    c.lock().acquire();
                    try {
                        c.awaitSignal();
                        return false;
                    } catch (CancelledException expected) {
                        return c.lock().isHeldByCurrentTask();
                    } finally {
                        c.lock().release();
                    }
                });
                SyncTesting.awaitUntil(() -> c.statistics().waiters() == 1);
                c.lock().acquire();       // the waiter cannot take the lock back yet
                waiter.cancel("stop waiting");
                SyncTesting.awaitUntil(() -> c.statistics().lock().waiters() == 1);
                assertEquals(0, c.statistics().waiters());
                c.lock().release();
                scope.join();
                assertTrue(waiter.resultNow(), "the lock was held when CancelledException arrived");
            }
            assertFalse(c.lock().isLocked());
        });
    }

    @Test
    void aSignalGoesToTheNextWaiterWhenTheFirstWasCancelled() {
        Weft.run(() -> {
            Condition c = Condition.create();
            try (var scope = TaskScope.open()) {
                Task<Void> first = scope.spawn(() -> waitOnce(c));
                SyncTesting.awaitUntil(() -> c.statistics().waiters() == 1);
                Task<Void> second = scope.spawn(() -> waitOnce(c));
                SyncTesting.awaitUntil(() -> c.statistics().waiters() == 2);
                first.cancel("gone");
                SyncTesting.awaitUntil(() -> c.statistics().waiters() == 1);
                c.lock().acquire();
                c.signal();
                c.lock().release();
                scope.join();
                assertEquals(Task.State.SUCCESS, second.state());
            }
        });
    }

    private static void waitOnce(Condition c) {
        c.lock().acquire();
        try {
            c.awaitSignal();
        } finally {
            c.lock().release();
        }
    }

    @Test
    void awaitSignalIsACheckpointAndKeepsTheLockWhenItThrowsAtOnce() {
        Weft.run(() -> {
            Condition c = Condition.create();
            c.lock().acquire();
            SyncTesting.whileCancelled(() -> assertThrows(CancelledException.class, c::awaitSignal));
            assertTrue(c.lock().isHeldByCurrentTask());
            c.lock().release();
        });
    }
}

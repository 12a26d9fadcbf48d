package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LockFairnessTest {

    @Test
    void waitersGetTheLockInArrivalOrder() {
        List<Integer> order = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            Lock lock = Lock.create();
            lock.acquire();
            try (var scope = TaskScope.open()) {
                for (int i = 0; i < 10; i++) {
                    int id = i;
                    scope.spawn(() -> {
                        lock.acquire();
                        order.add(id);
                        lock.release();
                    });
                    SyncTesting.awaitUntil(() -> lock.statistics().waiters() == id + 1);
                }
                lock.release();
                scope.join();
            }
        });
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(i);
        }
        assertEquals(expected, order);
    }

    @Test
    void aReleasingTaskCannotBargeAheadOfAWaiter() {
        List<String> order = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            Lock lock = Lock.create();
            lock.acquire();
            try (var scope = TaskScope.open()) {
                scope.spawn(() -> {
                    lock.acquire();
                    order.add("waiter");
                    lock.release();
                });
                SyncTesting.awaitUntil(() -> lock.statistics().waiters() == 1);
                lock.release();              // hands the lock to the waiter
                lock.acquire();              // so this goes to the back of the line
                order.add("releaser");
                lock.release();
                scope.join();
            }
        });
        assertEquals(List.of("waiter", "releaser"), order);
    }

    @Test
    void tasksExcludeEachOther() {
        int[] counter = {0};
        Weft.run(() -> {
            Lock lock = Lock.create();
            try (var scope = TaskScope.open()) {
                for (int t = 0; t < 8; t++) {
                    scope.spawn(() -> {
                        for (int i = 0; i < 2_000; i++) {
                            lock.acquire();
                            try {
                                int seen = counter[0];
                                if (i % 100 == 0) {
                                    Weft.yieldNow();     // another task runs while we hold it
                                }
                                counter[0] = seen + 1;
                            } finally {
                                lock.release();
                            }
                        }
                    });
                }
                scope.join();
            }
        });
        assertEquals(16_000, counter[0]);
    }
}

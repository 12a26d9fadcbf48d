package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class QueueBlockingTest {

    @Test
    void getWaitsForAPut() {
        Weft.run(() -> {
            Queue<String> q = Queue.fifo();
            try (var scope = TaskScope.open()) {
                Task<String> getter = scope.spawn(q::get);
                SyncTesting.awaitUntil(() -> q.statistics().getters() == 1);
                q.put("hello");
                scope.join();
                assertEquals("hello", getter.resultNow());
            }
            assertEquals(0, q.size(), "the item went straight to the getter");
        });
    }

    @Test
    void putWaitsWhileFullAndPuttersAreServedInArrivalOrder() {
        Weft.run(() -> {
            Queue<Integer> q = Queue.fifo(1);
            q.put(0);
            try (var scope = TaskScope.open()) {
                for (int i = 1; i <= 3; i++) {
                    int item = i;
                    scope.spawn(() -> q.put(item));
                    SyncTesting.awaitUntil(() -> q.statistics().putters() == item);
                }
                List<Integer> got = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    got.add(q.get());
                    assertTrue(q.size() <= 1, "a get lets exactly one putter in");
                }
                scope.join();
                assertEquals(List.of(0, 1, 2, 3), got);
            }
        });
    }

    @Test
    void gettersAreServedInArrivalOrder() {
        List<String> served = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            Queue<Integer> q = Queue.lifo();
            try (var scope = TaskScope.open()) {
                for (int i = 0; i < 3; i++) {
                    int id = i;
                    scope.spawn(() -> served.add("getter" + id + " got " + q.get()));
                    SyncTesting.awaitUntil(() -> q.statistics().getters() == id + 1);
                }
                for (int i = 0; i < 3; i++) {
                    int expected = i + 1;
                    q.put(i);
                    SyncTesting.awaitUntil(() -> served.size() == expected);
                }
                scope.join();
            }
        });
        assertEquals(List.of("getter0 got 0", "getter1 got 1", "getter2 got 2"), served);
    }

    @Test
    void aNewGetterDoesNotOvertakeAWaitingOne() {
        Weft.run(() -> {
            Queue<String> q = Queue.fifo();
            try (var scope = TaskScope.open()) {
                Task<String> waiting = scope.spawn(q::get);
                SyncTesting.awaitUntil(() -> q.statistics().getters() == 1);
                q.put("x");
                assertEquals(Optional.empty(), q.tryGet(), "the item was handed to the waiting getter");
                scope.join();
                assertEquals("x", waiting.resultNow());
            }
        });
    }

    @Test
    void aPlainThreadCanFeedATask() throws Exception {
        Weft.run(() -> {
            Queue<Integer> q = Queue.fifo(2);
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread feeder = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        q.put(i); // blocks the plain thread while full
                    }
                } catch (Throwable e) {
                    failed.set(e);
                    q.shutdown(); // the getter below fails at once instead of waiting for items
                }
            });
            int sum = 0;
            try {
                for (int i = 0; i < 100; i++) {
                    sum += q.get();
                }
            } finally {
                feeder.join();
                if (failed.get() != null) {
                    throw new AssertionError("the feeding thread failed", failed.get());
                }
            }
            assertEquals(4950, sum);
        });
    }

    @Test
    void blockingCallsFromALoopCallbackAreRefused() {
        Weft.run(() -> {
            Queue<Integer> q = Queue.fifo();
            Promise<Throwable> seen = Promise.create();
            Loop.current().callSoon(() -> {
                try {
                    q.get();
                    seen.complete(null);
                } catch (IllegalStateException e) {
                    seen.complete(e);
                }
            });
            Throwable e = seen.join();
            assertTrue(e != null && e.getMessage().contains("callbacks must not block"), String.valueOf(e));
            Loop.current().callSoon(() -> q.tryPut(1)); // the non-blocking form is fine there
            assertEquals(1, q.get());
        });
    }

    @Test
    void nullItemsAreRefused() {
        Weft.run(() -> {
            Queue<String> q = Queue.fifo();
            assertThrows(NullPointerException.class, () -> q.put(null));
        });
    }
}

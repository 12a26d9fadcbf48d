package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class QueueCancellationTest {

    @Test
    void aCancelledGetterTakesNoItem() {
        Weft.run(() -> {
            Queue<String> q = Queue.fifo();
            try (var scope = TaskScope.open()) {
                Task<String> getter = scope.spawn(q::get);
                SyncTesting.awaitUntil(() -> q.statistics().getters() == 1);
                getter.cancel("gone");
                SyncTesting.awaitUntil(() -> q.statistics().getters() == 0);
                q.put("x");
                scope.join();
                assertEquals(Task.State.CANCELLED, getter.state());
            }
            assertEquals(Optional.of("x"), q.tryGet(), "the item put after the cancellation is still there");
        });
    }

    @Test
    void aGetterWokenAndThenCancelledDoesNotLoseTheItem() {
        for (int round = 0; round < 50; round++) {
            Weft.run(() -> {
                Queue<String> q = Queue.fifo();
                AtomicReference<String> got = new AtomicReference<>();
                try (var scope = TaskScope.open()) {
                    Event never = Event.create();
                    Task<Void> getter = scope.spawn(() -> {
                        got.set(q.get());
                        never.awaitSet(); // so the task is still running when it is cancelled
                    });
                    SyncTesting.awaitUntil(() -> q.statistics().getters() == 1);
                    q.put("item");             // hands the item to the getter...
                    getter.cancel("too late"); // ...which is cancelled before (or while) it wakes
                    scope.join();
                    assertEquals(Task.State.CANCELLED, getter.state());
                }
                Optional<String> left = q.tryGet();
                assertTrue(got.get() != null ^ left.isPresent(),
                        "the getter returned it (" + got.get() + ") or it went back to the queue (" + left + ")");
                assertEquals("item", got.get() != null ? got.get() : left.get());
            });
        }
    }

    @Test
    void aGetterCancelledWhileAnotherWaitsLetsTheItemGoToTheOther() {
        Weft.run(() -> {
            Queue<String> q = Queue.fifo();
            try (var scope = TaskScope.open()) {
                Task<String> first = scope.spawn(q::get);
                SyncTesting.awaitUntil(() -> q.statistics().getters() == 1);
                Task<String> second = scope.spawn(q::get);
                SyncTesting.awaitUntil(() -> q.statistics().getters() == 2);
                first.cancel("gone");
                SyncTesting.awaitUntil(() -> q.statistics().getters() == 1);
                q.put("x");
                scope.join();
                assertEquals("x", second.resultNow());
            }
        });
    }

    @Test
    void aTimedOutPutDoesNotAddItsItem() {
        Weft.run(() -> {
            Queue<String> q = Queue.fifo(1);
            q.put("a");
            assertThrows(DeadlineExceededException.class, () -> Weft.failAfter(Duration.ofMillis(10), () -> q.put("b")));
            assertEquals(new Queue.Statistics(1, 1, 0, 0, 1, false), q.statistics());
            assertEquals("a", q.get());
            assertEquals(Optional.empty(), q.tryGet());
        });
    }

    @Test
    void putAndGetAreCheckpointsEvenWhenTheyNeedNotWait() {
        Weft.run(() -> {
            Queue<String> q = Queue.fifo();
            SyncTesting.whileCancelled(() -> assertThrows(CancelledException.class, () -> q.put("x")));
            assertEquals(0, q.size(), "a cancelled put adds nothing");
            q.put("y");
            SyncTesting.whileCancelled(() -> assertThrows(CancelledException.class, q::get));
            assertEquals(1, q.size(), "a cancelled get takes nothing");
            SyncTesting.whileCancelled(() -> assertEquals(Optional.of("y"), q.tryGet()));
        });
    }
}

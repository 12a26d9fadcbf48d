package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A get that frees a slot moves the first waiting putter's item into it before it returns, and
 * counts it unfinished: putters wait only while the queue is full.
 */
@Timeout(10)
class QueueFreedSlotTest {

    @Test
    void aGetFromAFullQueueLetsExactlyOneWaitingPutterIn() {
        Weft.run(() -> {
            Queue<String> q = Queue.fifo(1);
            q.put("buffered");
            try (var scope = TaskScope.open()) {
                Task<Void> first = scope.spawn(() -> q.put("first"));
                SyncTesting.awaitUntil(() -> q.statistics().putters() == 1);
                Task<Void> second = scope.spawn(() -> q.put("second"));
                SyncTesting.awaitUntil(() -> q.statistics().putters() == 2);
                assertEquals("buffered", q.get());
                assertEquals(new Queue.Statistics(1, 1, 0, 1, 2, false), q.statistics(),
                        "the first putter's item is in, counted unfinished; the second still waits");
                first.join();
                assertFalse(second.isDone(), "the second putter waits for the next free slot");
                assertEquals("first", q.get());
                assertEquals("second", q.get());
                scope.join();
                assertEquals(3, q.statistics().unfinishedTasks());
            }
        });
    }

    @Test
    void aPutUnderADeadlineFinishesWhenAGetFreesASlot() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Queue<String> q = Queue.fifo(1);
                q.put("buffered");
                try (var scope = TaskScope.open()) {
                    Task<Void> putting = scope.spawn(() -> Weft.failAfter(Duration.ofSeconds(5), () -> q.put("waiting")));
                    test.awaitAllBlocked();
                    assertEquals("buffered", q.get());
                    putting.join();
                    assertEquals(0, test.now());
                    scope.join();
                }
                assertEquals("waiting", q.get());
            });
        }
    }

    @Test
    void immediateShutdownMarksOnlyTheDroppedItemsDone() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Queue<Integer> q = Queue.fifo();
                for (int i = 0; i < 4; i++) {
                    q.put(i);
                }
                q.get();
                q.get(); // two items being processed, two buffered
                q.shutdown(true);
                assertEquals(2, q.statistics().unfinishedTasks(), "only the two dropped items are done");
                try (var scope = TaskScope.open()) {
                    Task<Void> joiner = scope.spawn(q::join);
                    test.awaitAllBlocked();
                    q.taskDone();
                    test.awaitAllBlocked();
                    assertFalse(joiner.isDone(), "join returned with an item still being processed");
                    q.taskDone();
                    scope.join();
                }
                IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
                assertTrue(e.getMessage().contains("more times than items were put"), e.getMessage());
            });
        }
    }
}

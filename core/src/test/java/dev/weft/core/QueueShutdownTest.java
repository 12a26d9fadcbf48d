package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.testing.TestLoop;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class QueueShutdownTest {

    @Test
    void shutdownRefusesPutsButLetsGettersDrainTheQueue() {
        Weft.run(() -> {
            Queue<String> q = Queue.fifo();
            q.put("a");
            q.put("b");
            q.shutdown();
            assertTrue(q.isShutDown());
            QueueShutDownException e = assertThrows(QueueShutDownException.class, () -> q.put("c"));
            assertTrue(e.getMessage().contains("shut down"), e.getMessage());
            assertThrows(QueueShutDownException.class, () -> q.tryPut("c"));
            assertEquals("a", q.get());
            assertEquals(Optional.of("b"), q.tryGet());
            QueueShutDownException empty = assertThrows(QueueShutDownException.class, q::get);
            assertTrue(empty.getMessage().contains("shut down and empty"), empty.getMessage());
            assertThrows(QueueShutDownException.class, q::tryGet);
        });
    }

    @Test
    void shutdownWakesBlockedPuttersWithoutAddingTheirItemsAndBlockedGettersOnceEmpty() {
        Weft.run(() -> {
            Queue<String> full = Queue.fifo(1);
            full.put("kept");
            Queue<String> empty = Queue.fifo();
            try (var scope = TaskScope.open()) {
                Task<QueueShutDownException> putter = scope.spawn(
                        () -> assertThrows(QueueShutDownException.class, () -> full.put("dropped")));
                Task<QueueShutDownException> getter = scope.spawn(
                        () -> assertThrows(QueueShutDownException.class, empty::get));
                SyncTesting.awaitUntil(() -> full.statistics().putters() == 1 && empty.statistics().getters() == 1);
                full.shutdown();
                empty.shutdown();
                scope.join();
                assertTrue(putter.resultNow().getMessage().contains("not added"), putter.resultNow().getMessage());
            }
            assertEquals("kept", full.get());
            assertThrows(QueueShutDownException.class, full::get, "'dropped' was never added");
            assertEquals(new Queue.Statistics(0, 1, 0, 0, 1, true), full.statistics(), "'kept' is got, not done");
        });
    }

    @Test
    void immediateShutdownDropsTheItemsAndReleasesJoin() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Queue<Integer> q = Queue.fifo();
                for (int i = 0; i < 5; i++) {
                    q.put(i);
                }
                try (var scope = TaskScope.open()) {
                    Task<Void> joiner = scope.spawn(q::join);
                    test.awaitAllBlocked();
                    assertFalse(joiner.isDone(), "join waits for 5 unfinished items");
                    q.shutdown(true);
                    scope.join();
                    assertEquals(Task.State.SUCCESS, joiner.state());
                }
                assertEquals(new Queue.Statistics(0, Queue.UNBOUNDED, 0, 0, 0, true), q.statistics());
                assertThrows(QueueShutDownException.class, q::get);
            });
        }
    }

    @Test
    void immediateShutdownKeepsItemsAlreadyGotAsUnfinished() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Queue<Integer> q = Queue.fifo();
                q.put(1);
                q.put(2);
                q.get(); // being processed
                q.shutdown(true);
                assertEquals(1, q.statistics().unfinishedTasks(), "the item got is still unfinished");
                try (var scope = TaskScope.open()) {
                    Task<Void> joiner = scope.spawn(q::join);
                    test.awaitAllBlocked();
                    assertFalse(joiner.isDone(), "join waits for the item got");
                    q.taskDone();
                    scope.join();
                    assertEquals(Task.State.SUCCESS, joiner.state());
                }
            });
        }
    }

    @Test
    void immediateShutdownAfterAPlainShutdownDropsWhatIsLeft() {
        Queue<Integer> q = Queue.fifo();
        q.tryPut(1);
        q.tryPut(2);
        q.shutdown();
        assertEquals(2, q.size());
        q.shutdown(true);
        assertEquals(0, q.size());
        assertEquals(0, q.statistics().unfinishedTasks());
    }

    @Test
    void immediateShutdownMarksDoneNoMoreThanIsUnfinished() {
        Queue<String> q = Queue.fifo();
        q.tryPut("a");
        q.tryPut("b");
        q.taskDone(); // allowed before the item is got: one unfinished item left, two in the buffer
        q.shutdown(true);
        assertEquals(new Queue.Statistics(0, Queue.UNBOUNDED, 0, 0, 0, true), q.statistics(),
                "dropping two items marks done only the one still unfinished");
        Weft.run(q::join);
        assertThrows(IllegalStateException.class, q::taskDone, "nothing is left unfinished");
    }
}

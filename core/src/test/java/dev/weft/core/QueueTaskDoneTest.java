package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class QueueTaskDoneTest {

    @Test
    void joinReturnsOnceEveryItemIsMarkedDone() {
        AtomicInteger processed = new AtomicInteger();
        Weft.run(() -> {
            Queue<Integer> jobs = Queue.fifo(3);
            try (var scope = TaskScope.open()) {
                for (int w = 0; w < 3; w++) {
                    scope.spawn(() -> {
                        while (true) {
                            jobs.get();
                            Weft.yieldNow();
                            processed.incrementAndGet();
                            jobs.taskDone();
                        }
                    });
                }
                for (int i = 0; i < 30; i++) {
                    jobs.put(i);
                }
                jobs.join();
                assertEquals(30, processed.get(), "join waited for the last taskDone");
                assertEquals(0, jobs.statistics().unfinishedTasks());
                scope.cancel();
                scope.join();
            }
        });
    }

    @Test
    void joinWaitsWhileAnItemIsOutAndReturnsAtOnceWhenNoneIs() {
        Weft.run(() -> {
            Queue<String> q = Queue.fifo();
            q.join(); // nothing put
            q.put("a");
            q.get();
            assertFalse(Weft.moveOnAfter(Duration.ofMillis(20), q::join), "got but not done");
            q.taskDone();
            q.join();
        });
    }

    @Test
    void tooManyTaskDoneCallsAreAnError() {
        Queue<String> q = Queue.fifo();
        q.tryPut("a");
        q.taskDone();
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertTrue(e.getMessage().contains("more times than items were put"), e.getMessage());
    }

    @Test
    void joinIsACheckpoint() {
        Weft.run(() -> {
            Queue<String> q = Queue.fifo();
            SyncTesting.whileCancelled(() -> assertThrows(CancelledException.class, q::join));
        });
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TaskScope.start when the caller's wait ends by something other than the task's report. */
@Timeout(10)
class TaskScopeStartInterruptionTest {

    /**
     * The caller owns a scope that fails while it waits in start(): its wait ends with that
     * scope's TaskScopeFailedException rather than a CancelledException. The starting task must
     * still be cancelled and awaited before start() throws: nothing started outlives a failed
     * start.
     */
    @Test
    void aCallerInterruptedByItsOwnScopesFailureCancelsAndAwaitsTheStartingTask() {
        List<String> events = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            AtomicReference<Task<?>> starter = new AtomicReference<>();
            Event starting = Event.create();
            try (TaskScope target = TaskScope.openSupervisor()) {
                assertThrows(TaskScopeFailedException.class, () -> {
                    try (TaskScope own = TaskScope.open()) {
                        own.spawn(() -> {
                            starting.awaitSet();
                            throw new IllegalStateException("sibling failed");
                        });
                        target.start("slow starter", (TaskStatus<Void> status) -> {
                            starter.set(Weft.currentTask());
                            try {
                                starting.set();
                                Weft.sleep(Duration.ofDays(1)); // never gets ready
                                status.started();
                            } finally {
                                events.add("starter unwound");
                            }
                        });
                    }
                });
                events.add("start threw");
                assertNotNull(starter.get());
                assertTrue(starter.get().isDone(), "the starting task outlived the failed start()");
                target.join();
            }
        });
        assertEquals(List.of("starter unwound", "start threw"), events);
    }

    /**
     * The caller is cancelled while the task starts; start() cancels the task, whose cleanup
     * fails. That failure went to start()'s promise, which nobody read: it was lost, unlogged.
     * A failure (not a cancellation) must win, as in Weft.waitFor.
     */
    @Test
    void aFailureOfTheStartingTaskWhileTheCallerIsCancelledIsNotLost() {
        Weft.run(() -> {
            Event starting = Event.create();
            IllegalStateException cleanupFailed = new IllegalStateException("cleanup failed");
            try (TaskScope outer = TaskScope.openSupervisor()) {
                try (TaskScope target = TaskScope.openSupervisor()) {
                    Task<Void> caller = outer.spawn(() -> {
                        target.start("slow starter", (TaskStatus<Void> status) -> {
                            try {
                                starting.set();
                                Weft.sleep(Duration.ofDays(1));
                                status.started();
                            } catch (CancelledException e) {
                                throw cleanupFailed;
                            }
                        });
                        return null;
                    });
                    starting.awaitSet();
                    caller.cancel("give up starting");
                    Throwable thrown = assertThrows(RuntimeException.class, caller::join);
                    assertSame(cleanupFailed, thrown, "the starter's failure was lost: " + thrown);
                    target.join();
                }
            }
        });
    }
}

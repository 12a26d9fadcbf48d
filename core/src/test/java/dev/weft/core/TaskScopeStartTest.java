package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TaskScope.start: Trio's nursery.start. */
@Timeout(10)
class TaskScopeStartTest {

    @Test
    void startReturnsTheReportedValueOnceTheTaskIsReadyAndTheTaskGoesOn() {
        List<String> events = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            Promise<String> request = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                int port = scope.start("server", (TaskStatus<Integer> status) -> {
                    events.add("listening");
                    status.started(8080);
                    events.add("serving " + request.join());
                });
                events.add("start returned " + port);
                request.complete("hello");
                scope.join();
            }
        });
        assertEquals(List.of("listening", "start returned 8080", "serving hello"), events);
    }

    @Test
    void aFailureBeforeReadinessIsThrownByStartAndDoesNotFailTheScope() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<String> sibling = scope.spawn(() -> {
                    Weft.sleep(Duration.ofMillis(20));
                    return "sibling done";
                });
                IllegalStateException bindFailed = new IllegalStateException("port in use");
                IllegalStateException thrown = assertThrows(IllegalStateException.class,
                        () -> scope.start((TaskStatus<Integer> status) -> {
                            throw bindFailed;
                        }));
                assertSame(bindFailed, thrown);
                scope.join();
                assertEquals("sibling done", sibling.resultNow(), "the scope must not be cancelled by it");
            }
        });
    }

    @Test
    void aCheckedFailureBeforeReadinessComesWrappedAsJoinWrapsIt() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                IOException io = new IOException("no such file");
                TaskFailedException e = assertThrows(TaskFailedException.class,
                        () -> scope.start((TaskStatus<Void> status) -> {
                            throw io;
                        }));
                assertSame(io, e.getCause());
                scope.join();
            }
        });
    }

    @Test
    void aTaskThatReturnsWithoutReportingMakesStartThrow() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> scope.start((TaskStatus<Void> status) -> {}));
                assertTrue(e.getMessage().contains("started()"), e.getMessage());
                scope.join();
            }
        });
    }

    @Test
    void aFailureAfterReadinessGoesToTheScopeAsForASpawnedTask() {
        TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                scope.start((TaskStatus<Void> status) -> {
                    status.started();
                    throw new IllegalStateException("crashed while serving");
                });
                scope.join();
            }
        }));
        assertTrue(e.getMessage().contains("crashed while serving"), e.getMessage());
    }

    @Test
    void cancellingTheCallerWhileItWaitsCancelsTheStartingTask() {
        List<String> events = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            Event starting = Event.create();
            try (TaskScope outer = TaskScope.open()) {
                try (TaskScope target = TaskScope.openSupervisor()) {
                    Task<Void> caller = outer.spawn(() -> {
                        try {
                            target.start("slow starter", (TaskStatus<Void> status) -> {
                                try {
                                    starting.set();
                                    Weft.sleep(Duration.ofDays(1)); // never gets ready
                                    status.started();
                                } finally {
                                    events.add("starter unwound");
                                }
                            });
                        } finally {
                            events.add("caller unwound");
                        }
                    });
                    starting.awaitSet();
                    caller.cancel("give up starting");
                    assertThrows(CancelledException.class, caller::join);
                    target.join();
                }
                outer.join();
            }
        });
        assertEquals(List.of("starter unwound", "caller unwound"), events);
    }

    @Test
    void cancellingTheScopeWhileATaskStartsTellsTheCallerWithoutCancellingIt() {
        Weft.run(() -> {
            Event starting = Event.create();
            try (TaskScope target = TaskScope.openSupervisor()) {
                try (TaskScope helpers = TaskScope.open()) {
                    helpers.spawn(() -> {
                        starting.awaitSet();
                        target.cancel("shutting down");
                    });
                    IllegalStateException e = assertThrows(IllegalStateException.class,
                            () -> target.start((TaskStatus<Void> status) -> {
                                starting.set();
                                Weft.sleep(Duration.ofDays(1));
                            }));
                    assertTrue(e.getCause() instanceof CancelledException, String.valueOf(e.getCause()));
                    assertTrue(e.getMessage().contains("shutting down"), e.getMessage());
                    helpers.join();
                }
                Weft.checkCancelled(); // the caller itself was not cancelled
                target.join();
            }
        });
    }

    @Test
    void startedTwiceIsAnError() {
        AtomicReference<Throwable> second = new AtomicReference<>();
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                scope.start((TaskStatus<String> status) -> {
                    status.started("a");
                    try {
                        status.started("b");
                    } catch (IllegalStateException e) {
                        second.set(e);
                    }
                });
                scope.join();
            }
        });
        assertTrue(second.get().getMessage().contains("twice"), second.get().getMessage());
    }

    @Test
    void startOutsideATaskSaysWhy() {
        assertThrows(NoRunningLoopException.class, () -> {
            TaskScope[] escaped = new TaskScope[1];
            Weft.run(() -> {
                try (TaskScope scope = TaskScope.open()) {
                    escaped[0] = scope;
                    scope.join();
                }
            });
            escaped[0].start((TaskStatus<Void> status) -> status.started());
        });
        assertFalse(Thread.currentThread().isVirtual());
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Level-triggered cancellation, JDK interrupts, and cancellation through join. */
@Timeout(10)
class CancellationModelTest {

    @Test
    void cancelledTaskThrowsAtEveryBlockingCallNotJustTheFirst() {
        List<String> events = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            Promise<Void> started = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> {
                    started.complete(null);
                    for (int i = 0; i < 3; i++) {
                        try {
                            Weft.sleep(Duration.ofMinutes(1));
                        } catch (CancelledException swallowed) {
                            events.add("cancelled " + i);
                        }
                    }
                    Weft.checkCancelled();
                });
                started.join();
                t.cancel("level");
                scope.join();
                assertEquals(Task.State.CANCELLED, t.state());
            }
        });
        assertEquals(List.of("cancelled 0", "cancelled 1", "cancelled 2"), events);
    }

    @Test
    void threadSleepInACancelledTaskIsInterrupted() {
        List<String> events = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            Promise<Void> started = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> {
                    started.complete(null);
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        events.add("interrupted");
                    }
                    // the swallowed interrupt does not lose the cancellation
                    try {
                        Weft.sleep(Duration.ofMinutes(1));
                    } catch (CancelledException e) {
                        events.add("still cancelled");
                        throw e;
                    }
                });
                started.join();
                t.cancel("stop sleeping");
                scope.join();
                assertEquals(Task.State.CANCELLED, t.state());
            }
        });
        assertEquals(List.of("interrupted", "still cancelled"), events);
    }

    @Test
    void blockingQueueTakeInACancelledTaskIsInterrupted() {
        Weft.run(() -> {
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            Promise<Void> started = Promise.create();
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<String> t = scope.spawn(() -> {
                    started.complete(null);
                    return queue.take();
                });
                started.join();
                t.cancel("no more items");
                scope.join();
                // the JDK's form of the cancellation: the task counts as cancelled, the
                // InterruptedException stays reachable as the cause
                assertEquals(Task.State.CANCELLED, t.state());
                CancelledException e = assertThrows(CancelledException.class, t::join);
                assertTrue(e.getCause().getCause() instanceof InterruptedException, String.valueOf(e.getCause()));
            }
        });
    }

    @Test
    void jdkBlockingCallAfterACaughtCancellationIsInterruptedAtOnce() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<Void> t = scope.spawn(() -> {
                    Weft.currentTask().cancel("self");
                    try {
                        Weft.checkCancelled();
                    } catch (CancelledException ignored) {
                        // fall through to a JDK call
                    }
                    Thread.sleep(60_000);
                    return null;
                });
                scope.join();
                assertEquals(Task.State.CANCELLED, t.state());
                CancelledException e = assertThrows(CancelledException.class, t::join);
                assertTrue(e.getCause().getCause() instanceof InterruptedException, String.valueOf(e.getCause()));
            }
        });
    }

    @Test
    void cancellingATaskThatJoinsAnotherCancelsTheJoinedOneToo() {
        Weft.run(() -> {
            Promise<Void> joining = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> inner = scope.spawn(() -> Weft.sleep(Duration.ofMinutes(1)));
                Task<Void> outer = scope.spawn(() -> {
                    joining.complete(null);
                    inner.join(); // cancelled before or while waiting: either way inner is cancelled
                });
                joining.join();
                outer.cancel("outer cancelled");
                assertThrows(CancelledException.class, outer::join);
                assertTrue(inner.isDone(), "the joined task must be cancelled and awaited");
                assertEquals(Task.State.CANCELLED, inner.state());
                assertTrue(inner.isCancelRequested());
                scope.join();
            }
        });
    }

    @Test
    void joinInsideShieldDoesNotCancelTheJoinedTask() {
        Weft.run(() -> {
            Promise<Void> joining = Promise.create();
            Promise<Void> release = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<String> inner = scope.spawn(() -> {
                    release.join();
                    return "inner done";
                });
                Task<String> outer = scope.spawn(() -> Weft.shield(() -> {
                    joining.complete(null);
                    return inner.join();
                }));
                joining.join();
                outer.cancel("outer cancelled");
                assertFalse(inner.isCancelRequested(), "the shielded join passed the cancellation on");
                release.complete(null);
                scope.join();
                assertEquals("inner done", inner.resultNow());
                assertEquals("inner done", outer.resultNow(), "the shield returned normally");
            }
        });
    }

    @Test
    void sleepZeroIsACancellationPoint() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> {
                    Weft.currentTask().cancel("now");
                    Weft.sleep(Duration.ZERO);
                    throw new AssertionError("sleep(0) did not check for cancellation");
                });
                scope.join();
                assertEquals(Task.State.CANCELLED, t.state());
            }
        });
    }

    @Test
    void busyLoopOfSleepZeroDoesNotStarveOtherTasks() {
        Weft.run(() -> {
            Promise<Void> other = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> other.complete(null));
                while (!other.isDone()) {
                    Weft.sleep(Duration.ZERO); // a busy loop that yields: the other task makes progress
                }
                scope.join();
            }
        });
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.testing.TestLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TaskLifecycleTest {

    @Test
    void taskHasTheGivenNameOrADefaultOne() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<String> named = scope.spawn("fetcher", () -> Weft.currentTask().name());
                Task<String> unnamed = scope.spawn(() -> Weft.currentTask().name());
                scope.join();
                assertEquals("fetcher", named.name());
                assertEquals("fetcher", named.resultNow());
                assertTrue(unnamed.name().startsWith("Task-"), unnamed.name());
                assertEquals(unnamed.name(), unnamed.resultNow());
            }
        });
    }

    @Test
    void stateMovesFromRunningToSuccess() {
        Weft.run(() -> {
            Promise<Void> go = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Integer> t = scope.spawn(() -> {
                    go.join();
                    return 5;
                });
                assertEquals(Future.State.RUNNING, t.state());
                assertFalse(t.isDone());
                go.complete(null);
                assertEquals(5, t.join());
                assertEquals(Future.State.SUCCESS, t.state());
                assertEquals(5, t.resultNow());
                assertTrue(t.isDone());
                scope.join();
            }
        });
    }

    @Test
    void failedTaskReportsItsExceptionThroughJoinAndExceptionNow() {
        Weft.run(() -> {
            IllegalStateException boom = new IllegalStateException("boom");
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<Object> t = scope.spawn(() -> {
                    throw boom;
                });
                assertSame(boom, assertThrows(IllegalStateException.class, t::join));
                assertEquals(Future.State.FAILED, t.state());
                assertSame(boom, t.exceptionNow());
                IllegalStateException noResult = assertThrows(IllegalStateException.class, t::resultNow);
                assertTrue(noResult.getMessage().contains("failed"), noResult.getMessage());
                scope.join();
            }
        });
    }

    @Test
    void checkedFailureIsWrappedInTaskFailedExceptionByJoin() {
        Weft.run(() -> {
            IOException io = new IOException("io");
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<Object> t = scope.spawn("reader", () -> {
                    throw io;
                });
                TaskFailedException e = assertThrows(TaskFailedException.class, t::join);
                assertSame(io, e.getCause());
                assertTrue(e.getMessage().contains("reader"), e.getMessage());
                scope.join();
            }
        });
    }

    @Test
    void getWrapsFailureInExecutionException() {
        Weft.run(() -> {
            IllegalStateException boom = new IllegalStateException("boom");
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<Object> t = scope.spawn(() -> {
                    throw boom;
                });
                ExecutionException e = assertThrows(ExecutionException.class, t::get);
                assertSame(boom, e.getCause());
                ExecutionException e2 = assertThrows(ExecutionException.class, () -> t.get(1, TimeUnit.SECONDS));
                assertSame(boom, e2.getCause());
                scope.join();
            }
        });
    }

    @Test
    void getWithTimeoutOnAPendingTaskThrowsTimeoutException() {
        Weft.run(() -> {
            Promise<Void> never = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> {
                    never.join();
                    return null;
                });
                assertThrows(TimeoutException.class, () -> t.get(10, TimeUnit.MILLISECONDS));
                scope.cancel();
                scope.join();
                assertThrows(java.util.concurrent.CancellationException.class, t::get);
            }
        });
    }

    @Test
    void getFromAForeignThreadWaitsForTheValue() throws Exception {
        try (Loop loop = Loop.open()) {
            Task<String> t = loop.spawn(() -> {
                Weft.sleep(Duration.ofMillis(5));
                return "v";
            });
            assertEquals("v", t.get());
            assertEquals("v", t.join());
        }
    }

    @Test
    void cancelReturnsTrueWhileRunningAndFalseOnceDone() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> Weft.sleep(Duration.ofMinutes(1)));
                assertTrue(t.cancel("not needed"));
                CancelledException e = assertThrows(CancelledException.class, t::join);
                assertTrue(e.getMessage().contains("not needed"), e.getMessage());
                assertEquals(Future.State.CANCELLED, t.state());
                assertTrue(t.isCancelled());
                assertTrue(t.isCancelRequested());
                assertFalse(t.cancel("again"));
                assertFalse(t.cancel(true));
                Task<Integer> done = scope.spawn(() -> 1);
                done.join();
                assertFalse(done.cancel("too late"));
                assertEquals(Future.State.SUCCESS, done.state());
                scope.join();
            }
        });
    }

    @Test
    void cancelledTaskMayStillSucceedIfItsBodyDecidesSo() {
        Weft.run(() -> {
            Promise<Void> started = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<String> t = scope.spawn(() -> {
                    try {
                        started.complete(null);
                        Weft.sleep(Duration.ofMinutes(1));
                        return "slept";
                    } catch (CancelledException e) {
                        return "gave up";
                    }
                });
                started.join();
                t.cancel("go");
                assertEquals("gave up", t.join());
                assertEquals(Future.State.SUCCESS, t.state());
                scope.join();
            }
        });
    }

    @Test
    void joiningItselfIsAClearError() {
        Weft.run(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Weft.currentTask().join());
            assertTrue(e.getMessage().contains("join itself"), e.getMessage());
        });
    }

    @Test
    void readingAPendingResultIsAClearError() {
        Weft.run(() -> {
            Promise<Void> never = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> {
                    never.join();
                    return null;
                });
                IllegalStateException e = assertThrows(IllegalStateException.class, t::resultNow);
                assertTrue(e.getMessage().contains("still running"), e.getMessage());
                IllegalStateException e2 = assertThrows(IllegalStateException.class, t::exceptionNow);
                assertTrue(e2.getMessage().contains("still running"), e2.getMessage());
                scope.cancel();
                scope.join();
            }
        });
    }

    @Test
    void doneCallbacksRunOnTheLoopThreadNeverInline() {
        Thread runner = Thread.currentThread();
        AtomicReference<Thread> callbackThread = new AtomicReference<>();
        AtomicReference<Thread> lateCallbackThread = new AtomicReference<>();
        Weft.run(() -> {
            Promise<Task<Integer>> called = Promise.create();
            Promise<Void> lateCalled = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Integer> t = scope.spawn(() -> 1);
                t.onDone(done -> {
                    callbackThread.set(Thread.currentThread());
                    called.complete(done);
                });
                scope.join();
                assertSame(t, called.join(), "the callback gets the task it was added to");
                t.onDone(done -> {
                    lateCallbackThread.set(Thread.currentThread());
                    lateCalled.complete(null);
                });
                lateCalled.join();
                assertNotSame(Thread.currentThread(), lateCallbackThread.get(),
                        "onDone on a done task ran the callback inline");
            }
        });
        assertTrue(CallbackThreads.isCallbackThread(LoopOptions.defaults(), callbackThread.get(), runner), String.valueOf(callbackThread.get()));
        assertTrue(CallbackThreads.isCallbackThread(LoopOptions.defaults(), lateCallbackThread.get(), runner), String.valueOf(lateCallbackThread.get()));
    }

    @Test
    void doneCallbacksRunInTheOrderTheyWereAdded() {
        StringBuilder order = new StringBuilder();
        Weft.run(() -> {
            Promise<Void> last = Promise.create();
            Promise<Void> go = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> {
                    go.join();
                    return null;
                });
                t.onDone(x -> order.append('1'));
                t.onDone(x -> order.append('2'));
                t.onDone(x -> {
                    order.append('3');
                    last.complete(null);
                });
                go.complete(null);
                scope.join();
                last.join();
            }
        });
        assertEquals("123", order.toString());
    }

    @Test
    void toCompletableFutureCompletesWithTheResult() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<String> t = scope.spawn(() -> "x");
                CompletableFuture<String> cf = t.toCompletableFuture();
                scope.join();
                assertEquals("x", cf.getNow("not yet"));
            }
        });
    }

    @Test
    void cancellingTheCompletableFutureCancelsTheTask() {
        Weft.run(() -> {
            Promise<Void> started = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> {
                    started.complete(null);
                    Weft.sleep(Duration.ofMinutes(1));
                    return null;
                });
                CompletableFuture<Void> cf = t.toCompletableFuture();
                started.join();
                assertTrue(cf.cancel(false));
                scope.join();
                assertEquals(Future.State.CANCELLED, t.state());
                assertTrue(t.isCancelRequested());
            }
        });
    }

    @Test
    void taskBelongsToTheLoopItWasSpawnedOn() {
        Weft.run(() -> {
            Loop loop = Loop.current();
            try (TaskScope scope = TaskScope.open()) {
                Task<Loop> t = scope.spawn(Loop::current);
                scope.join();
                assertSame(loop, t.loop());
                assertSame(loop, t.resultNow());
                assertNotSame(t, Weft.currentTask());
            }
        });
    }

    @Test
    void cancelWithoutAReasonSaysCancelled() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> Weft.sleep(Duration.ofMinutes(1)));
                assertTrue(t.cancel((String) null), "cancelling a running task reported that nothing was cancelled");
                Task<Void> other = scope.spawn(() -> Weft.sleep(Duration.ofMinutes(1)));
                assertTrue(other.cancel(true), "Future.cancel(true) on a running task returned false");
                CancelledException e = assertThrows(CancelledException.class, t::join);
                assertTrue(e.getMessage().endsWith(": cancelled"), e.getMessage());
                scope.join();
            }
        });
    }

    @Test
    void aJoinerCancelledWhileWaitingCancelsTheTaskAndWaitsForItToEnd() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (TaskScope scope = TaskScope.open()) {
                    Task<Void> slowToStop = scope.spawn(() -> {
                        try {
                            Weft.sleep(Duration.ofHours(1));
                        } catch (CancelledException e) {
                            Weft.shield(() -> Weft.sleep(Duration.ofSeconds(1))); // cleanup takes a second
                            throw e;
                        }
                    });
                    Task<Boolean> joiner = scope.spawn(() -> Weft.moveOnAfter(Duration.ofSeconds(1), slowToStop::join));
                    assertFalse(joiner.join(), "the joiner's deadline did not cancel its join");
                    assertEquals(Duration.ofSeconds(2).toNanos(), test.now(), "the cancelled join returned before the task it cancelled ended");
                    assertTrue(slowToStop.isCancelled(), "the joiner's cancellation did not cancel the task it joined");
                    scope.join();
                }
            });
        }
    }

    @Test
    void aCancelledTaskJoiningAFinishedOneIsCancelled() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Integer> finished = scope.spawn(() -> 1);
                finished.join();
                assertFalse(Weft.moveOnAfter(Duration.ofMinutes(1), () -> {
                    CancelScope.current().cancel("now");
                    finished.join(); // a checkpoint even when the task is done
                    throw new AssertionError("join of a finished task did not see the caller's cancellation");
                }));
                scope.join();
            }
        });
    }
}

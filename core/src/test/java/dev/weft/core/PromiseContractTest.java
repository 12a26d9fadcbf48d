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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PromiseContractTest {

    @Test
    void joinWaitsForTheValueSetByACallback() {
        assertEquals("pong", Weft.run(() -> {
            Promise<String> reply = Promise.create();
            Loop.current().callLater(Duration.ofMillis(5), () -> reply.complete("pong"));
            return reply.join();
        }));
    }

    @Test
    void joinWaitsForTheValueSetByAnotherTask() {
        assertEquals(42, Weft.run(() -> {
            Promise<Integer> p = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Integer> waiter = scope.spawn(p::join);
                scope.spawn(() -> {
                    Weft.sleep(Duration.ofMillis(2));
                    p.complete(42);
                });
                scope.join();
                return waiter.resultNow();
            }
        }));
    }

    @Test
    void settingTwiceIsAnErrorNamingTheFirstOutcome() {
        Weft.run(() -> {
            Promise<String> p = Promise.create();
            p.complete("first");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.complete("second"));
            assertTrue(e.getMessage().contains("already completed with first"), e.getMessage());
            IllegalStateException e2 = assertThrows(IllegalStateException.class,
                    () -> p.fail(new IllegalStateException("late")));
            assertTrue(e2.getMessage().contains("set once"), e2.getMessage());
            assertEquals("first", p.join());
            assertFalse(p.cancel("late"));
        });
    }

    @Test
    void completingAFailedPromiseNamesTheFailure() {
        Weft.run(() -> {
            Promise<String> p = Promise.create();
            p.fail(new IllegalArgumentException("bad input"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.complete("x"));
            assertTrue(e.getMessage().contains("failed with"), e.getMessage());
            assertTrue(e.getMessage().contains("bad input"), e.getMessage());
        });
    }

    @Test
    void pendingResultNowIsAnError() {
        Weft.run(() -> {
            Promise<String> p = Promise.create();
            IllegalStateException e = assertThrows(IllegalStateException.class, p::resultNow);
            assertTrue(e.getMessage().contains("no result yet"), e.getMessage());
            assertFalse(p.isDone());
        });
    }

    @Test
    void failureIsRethrownByJoinUncheckedAsThrownCheckedWrapped() {
        Weft.run(() -> {
            IllegalStateException unchecked = new IllegalStateException("u");
            Promise<String> p = Promise.create();
            p.fail(unchecked);
            assertSame(unchecked, assertThrows(IllegalStateException.class, p::join));
            IOException checked = new IOException("c");
            Promise<String> q = Promise.create();
            q.fail(checked);
            assertSame(checked, assertThrows(TaskFailedException.class, q::join).getCause());
            assertSame(checked, q.exceptionNow());
        });
    }

    @Test
    void cancelWakesWaitersWithCancelledExceptionCarryingTheReason() {
        Weft.run(() -> {
            Promise<String> p = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<String> waiter = scope.spawn(p::join);
                Loop.current().callLater(Duration.ofMillis(2), () -> p.cancel("no reply"));
                CancelledException e = assertThrows(CancelledException.class, waiter::join);
                assertTrue(e.getMessage().contains("no reply"), e.getMessage());
                scope.join();
            }
            assertTrue(p.isCancelled());
            assertFalse(p.cancel("again"));
        });
    }

    @Test
    void failNullIsRejected() {
        Weft.run(() -> {
            Promise<String> p = Promise.create();
            NullPointerException e = assertThrows(NullPointerException.class, () -> p.fail(null));
            assertTrue(e.getMessage().contains("Promise.fail"), e.getMessage());
        });
    }

    @Test
    void onDoneRunsOnTheLoopThreadAndNeverInline() {
        Thread runner = Thread.currentThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Weft.run(() -> {
            Promise<String> p = Promise.create();
            Promise<Promise<String>> called = Promise.create();
            p.complete("v");
            p.onDone(done -> {
                ranOn.set(Thread.currentThread());
                called.complete(done);
            });
            Promise<String> seen = called.join();
            assertSame(p, seen, "the callback gets the promise it was added to");
            assertEquals("v", seen.resultNow());
            assertNotSame(Thread.currentThread(), ranOn.get(), "callback ran inline");
        });
        assertTrue(CallbackThreads.isCallbackThread(LoopOptions.defaults(), ranOn.get(), runner), String.valueOf(ranOn.get()));
    }

    @Test
    void joinFromAForeignThreadWaits() throws Exception {
        try (Loop loop = Loop.open()) {
            Promise<String> p = loop.spawn(() -> Promise.<String>create()).get();
            loop.callLater(Duration.ofMillis(2), () -> p.complete("later"));
            loop.callLater(Duration.ofMillis(20), loop::stop);
            Thread t = Thread.ofPlatform().start(loop::runForever);
            assertEquals("later", p.join());
            t.join();
        }
    }

    @Test
    void toCompletableFutureMirrorsTheOutcome() {
        Weft.run(() -> {
            Promise<String> p = Promise.create();
            CompletableFuture<String> cf = p.toCompletableFuture();
            assertFalse(cf.isDone());
            p.complete("ok");
            assertEquals("ok", cf.getNow(null));
            Promise<String> q = Promise.create();
            CompletableFuture<String> qf = q.toCompletableFuture();
            assertTrue(qf.cancel(false));
            assertTrue(q.isCancelled());
        });
    }

    @Test
    void getWithATimeoutReturnsAsSoonAsTheOutcomeIsSet() throws Exception {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Promise<String> p = Promise.create();
                Loop.current().callLater(Duration.ofSeconds(1), () -> p.complete("early"));
                long start = test.now();
                assertEquals("early", p.get(1, TimeUnit.HOURS));
                assertEquals(Duration.ofSeconds(1), Duration.ofNanos(test.now() - start),
                        "get(1 h) returns when the promise is completed, 1 s in, not when the timeout ends");
            });
        }
    }

    @Test
    void onlyACancelledPromiseIsCancelled() {
        Weft.run(() -> {
            Promise<String> p = Promise.create();
            assertFalse(p.isCancelled(), "a pending promise is not cancelled");
            p.complete("ok");
            assertFalse(p.isCancelled(), "a completed promise is not cancelled");
            Promise<String> failed = Promise.create();
            failed.fail(new IllegalStateException("broken"));
            assertFalse(failed.isCancelled(), "a failed promise is not cancelled");
            failed.exceptionNow();
            Promise<String> cancelled = Promise.create();
            cancelled.cancel("no longer needed");
            assertTrue(cancelled.isCancelled());
        });
    }

    @Test
    void toStringNamesThePromiseAndItsState() {
        Weft.run(() -> {
            Promise<String> p = Promise.create();
            assertEquals("promise[RUNNING]", p.toString());
            p.complete("ok");
            assertEquals("promise[SUCCESS]", p.toString());
        });
    }

    @Test
    void cancellingTheMirrorOfASettledPromiseChangesNothing() {
        Weft.run(() -> {
            Promise<String> p = Promise.create();
            CompletableFuture<String> cf = p.toCompletableFuture();
            p.complete("ok");
            assertFalse(cf.cancel(false), "the mirror is complete already; cancel says so");
            assertEquals("ok", cf.getNow(null));
            assertEquals("ok", p.join());
        });
    }

    @Test
    void anInterruptedPlainThreadInGetGetsInterruptedExceptionWithItsFlagCleared() throws Exception {
        try (Loop loop = Loop.open()) {
            Promise<String> p = loop.spawn((java.util.concurrent.Callable<Promise<String>>) Promise::create).get();
            assertEquals("InterruptedException, flag cleared", getWhileInterrupted(() -> p.get()));
            assertEquals("InterruptedException, flag cleared", getWhileInterrupted(() -> p.get(1, TimeUnit.HOURS)));
            assertFalse(p.isDone(), "interrupting a waiter does not settle the promise");
        }
    }

    /** Runs {@code get} on a plain thread that is interrupted, and says how it ended. */
    private static String getWhileInterrupted(java.util.concurrent.Callable<String> get) throws Exception {
        CompletableFuture<String> ended = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().unstarted(() -> {
            Thread.currentThread().interrupt(); // a thread's interrupt is its cancellation, before or while it waits
            try {
                ended.complete("returned " + get.call());
            } catch (InterruptedException e) {
                ended.complete("InterruptedException, flag " + (Thread.currentThread().isInterrupted() ? "still set" : "cleared"));
            } catch (Throwable e) {
                ended.complete("threw " + e);
            }
        });
        t.start();
        return ended.get(5, TimeUnit.SECONDS);
    }

    @Test
    void theOnlyWaiterWithdrawsWhenItsWaitEndsWithoutTheOutcome() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Promise<String> never = Promise.create();
                FutureCore<?> core = (FutureCore<?>) never;
                assertEquals(0, core.listenerCount(), "nobody waits yet");
                assertThrows(TimeoutException.class, () -> never.get(1, TimeUnit.SECONDS));
                assertEquals(0, core.listenerCount(), "the only waiter timed out and is still registered");
                assertFalse(Weft.moveOnAfter(Duration.ofSeconds(1), never::join));
                assertEquals(0, core.listenerCount(), "the only joiner was cancelled and is still registered");
            });
        }
    }

    @Test
    void oneOfTwoJoinersWithdrawsAndTheOtherStaysRegistered() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Promise<String> never = Promise.create();
                FutureCore<?> core = (FutureCore<?>) never;
                try (TaskScope scope = TaskScope.open()) {
                    Task<String> first = scope.spawn(never::join);
                    Task<String> second = scope.spawn(never::join);
                    test.awaitAllBlocked();
                    assertEquals(2, core.listenerCount(), "two parked joiners are not both registered");
                    first.cancel("the first joiner gives up");
                    assertThrows(CancelledException.class, first::join);
                    assertEquals(1, core.listenerCount(), "the joiner that gave up is still registered, or both left");
                    never.complete("done");
                    assertEquals("done", second.join());
                    scope.join();
                }
            });
        }
    }

    @Test
    void waitsThatEndWithoutTheOutcomeLeaveNoListenerBehind() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Promise<String> never = Promise.create();
                FutureCore<?> core = (FutureCore<?>) never;
                try (TaskScope scope = TaskScope.open()) {
                    scope.spawn(never::join);
                    Weft.sleep(Duration.ofSeconds(1)); // virtual time: by now the joiner is parked on it
                    assertEquals(1, core.listenerCount(), "a task parked in join() is not registered to be woken");
                    scope.cancel();
                    scope.join();
                }
                for (int i = 0; i < 3; i++) {
                    assertThrows(TimeoutException.class, () -> never.get(1, TimeUnit.SECONDS));
                }
                assertEquals(0, core.listenerCount(), "get(timeout) that timed out left its thread registered");
                assertFalse(Weft.moveOnAfter(Duration.ofSeconds(1), never::join));
                assertEquals(0, core.listenerCount(), "a cancelled join left its thread registered");
                try (TaskScope scope = TaskScope.open()) {
                    Task<String> pending = scope.spawn(never::join);
                    WaitResult<String> r = Weft.wait(List.of(pending), ReturnWhen.ALL_COMPLETED, Duration.ofSeconds(1));
                    assertEquals(1, r.pending().size());
                    assertEquals(0, ((FutureCore<?>) pending).listenerCount(), "a wait that timed out left its listener on the task");
                    scope.cancel();
                    scope.join();
                }
            });
        }
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LoopLifecycleTest {

    @Test
    void loopCurrentInsideTaskAndCallbackIsTheRunningLoop() {
        try (Loop loop = Loop.open()) {
            AtomicReference<Loop> fromCallback = new AtomicReference<>();
            Loop fromTask = loop.runUntilComplete(() -> {
                Promise<Void> ran = Promise.create();
                Loop.current().callSoon(() -> {
                    fromCallback.set(Loop.current());
                    ran.complete(null);
                });
                ran.join();
                return Loop.current();
            });
            assertSame(loop, fromTask);
            assertSame(loop, fromCallback.get());
        }
    }

    @Test
    void loopCurrentOutsideAnyLoopNamesWeftRunAsTheFix() {
        NoRunningLoopException e = assertThrows(NoRunningLoopException.class, Loop::current);
        assertTrue(e.getMessage().contains("Weft.run"), e.getMessage());
        assertTrue(e.getMessage().contains("Loop.current()"), e.getMessage());
    }

    @Test
    void runUntilCompleteReturnsTheValueAndLeavesTheLoopIdle() {
        try (Loop loop = Loop.open()) {
            assertEquals("done", loop.runUntilComplete(() -> {
                assertTrue(Loop.current().isRunning());
                Weft.sleep(Duration.ofMillis(1));
                return "done";
            }));
            assertFalse(loop.isRunning());
            assertFalse(loop.isClosed());
            assertEquals(7, loop.runUntilComplete(() -> 7), "an idle loop can be run again");
        }
    }

    @Test
    void runUntilCompleteRethrowsTheSameCheckedException() {
        IOException thrown = new IOException("disk on fire");
        try (Loop loop = Loop.open()) {
            IOException caught = assertThrows(IOException.class, () -> loop.runUntilComplete(() -> {
                throw thrown;
            }));
            assertSame(thrown, caught);
        }
    }

    @Test
    void runForeverRunsCallbacksUntilStopIsCalled() {
        try (Loop loop = Loop.open()) {
            int[] count = {0};
            loop.callSoon(new Runnable() {
                @Override
                public void run() {
                    if (++count[0] == 5) {
                        loop.stop();
                    } else {
                        loop.callSoon(this);
                    }
                }
            });
            loop.runForever();
            assertEquals(5, count[0]);
            assertFalse(loop.isRunning());
        }
    }

    @Test
    void stopFromAnotherThreadEndsRunForever() throws Exception {
        try (Loop loop = Loop.open()) {
            CountDownLatch running = new CountDownLatch(1);
            loop.callSoon(running::countDown);
            CompletableFuture<Void> stopper = CompletableFuture.runAsync(() -> {
                try {
                    running.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                loop.stop();
            });
            loop.runForever();
            stopper.get(5, TimeUnit.SECONDS);
            assertFalse(loop.isRunning());
        }
    }

    @Test
    void stopFromACallbackStillRunsTheCallbacksAlreadyDue() {
        try (Loop loop = Loop.open()) {
            StringBuilder order = new StringBuilder();
            loop.callSoon(() -> {
                order.append('a');
                loop.stop();
                loop.callSoon(() -> order.append('x')); // scheduled after stop: runs next time
            });
            loop.callSoon(() -> order.append('b'));
            loop.callSoon(() -> order.append('c'));
            loop.runForever();
            assertEquals("abc", order.toString());
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals("abcx", order.toString());
        }
    }

    @Test
    void stopIsIdempotent() {
        try (Loop loop = Loop.open()) {
            StringBuilder order = new StringBuilder();
            loop.callSoon(() -> {
                loop.stop();
                loop.stop();
            });
            loop.runForever();
            loop.callSoon(() -> order.append('1'));
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals("1", order.toString(), "a second stop() must not end the next run early");
        }
    }

    @Test
    void closeIsIdempotentAndMarksTheLoopClosed() {
        Loop loop = Loop.open();
        loop.close();
        assertTrue(loop.isClosed());
        loop.close();
        assertTrue(loop.isClosed());
    }

    @Test
    void closeCancelsRunningTasksAndWaitsForThemToUnwind() throws Exception {
        Loop loop = Loop.open();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean cleanedUp = new AtomicBoolean();
        Task<Void> task = loop.spawn(() -> {
            try {
                started.countDown();
                Weft.sleep(Duration.ofMinutes(5));
            } finally {
                Weft.shield(() -> Weft.sleep(Duration.ofMillis(5)));
                cleanedUp.set(true);
            }
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        loop.close();
        assertTrue(task.isDone(), "close() returned before the task finished");
        assertEquals(Task.State.CANCELLED, task.state());
        assertTrue(cleanedUp.get(), "the task's finally block did not finish before close() returned");
        assertTrue(loop.tasks().isEmpty());
    }

    @Test
    void runningAClosedLoopIsAnErrorThatSaysItIsClosed() {
        Loop loop = Loop.open();
        loop.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, loop::runForever);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        IllegalStateException e2 = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> 1));
        assertTrue(e2.getMessage().contains("closed"), e2.getMessage());
        IllegalStateException e3 = assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> {}));
        assertTrue(e3.getMessage().contains("closed"), e3.getMessage());
        IllegalStateException e4 = assertThrows(IllegalStateException.class, () -> loop.spawn(() -> 1));
        assertTrue(e4.getMessage().contains("closed"), e4.getMessage());
    }

    @Test
    void runningALoopThatIsAlreadyRunningIsAnError() throws Exception {
        try (Loop loop = Loop.open()) {
            CountDownLatch running = new CountDownLatch(1);
            loop.callSoon(running::countDown);
            CompletableFuture<Throwable> second = CompletableFuture.supplyAsync(() -> {
                try {
                    running.await();
                    loop.runForever();
                    return null;
                } catch (Throwable t) {
                    return t;
                } finally {
                    loop.stop();
                }
            });
            loop.runForever();
            Throwable t = second.get(5, TimeUnit.SECONDS);
            assertTrue(t instanceof IllegalStateException, String.valueOf(t));
            assertTrue(t.getMessage().contains("already running"), t.getMessage());
        }
    }

    @Test
    void runningTheLoopFromItsOwnTaskIsAnError() {
        try (Loop loop = Loop.open()) {
            IllegalStateException e = loop.runUntilComplete(
                    () -> assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> 1)));
            assertTrue(e.getMessage().contains("running loop"), e.getMessage());
        }
    }

    @Test
    void closingARunningLoopIsAnError() throws Exception {
        try (Loop loop = Loop.open()) {
            CountDownLatch running = new CountDownLatch(1);
            loop.callSoon(running::countDown);
            CompletableFuture<Throwable> closer = CompletableFuture.supplyAsync(() -> {
                try {
                    running.await();
                    loop.close();
                    return null;
                } catch (Throwable t) {
                    return t;
                } finally {
                    loop.stop();
                }
            });
            loop.runForever();
            Throwable t = closer.get(5, TimeUnit.SECONDS);
            assertTrue(t instanceof IllegalStateException, String.valueOf(t));
            assertTrue(t.getMessage().contains("running"), t.getMessage());
            assertFalse(loop.isClosed());
        }
    }

    @Test
    void closingTheLoopFromItsOwnTaskIsAnError() {
        try (Loop loop = Loop.open()) {
            IllegalStateException e = loop.runUntilComplete(() -> assertThrows(IllegalStateException.class, loop::close));
            assertTrue(e.getMessage().contains("its own tasks"), e.getMessage());
        }
    }

    @Test
    void tasksRunWithoutTheLoopBeingDriven() throws Exception {
        try (Loop loop = Loop.open()) {
            Task<Integer> task = loop.spawn(() -> {
                Weft.sleep(Duration.ofMillis(1));
                return 3;
            });
            assertEquals(3, task.get(5, TimeUnit.SECONDS));
            assertTrue(task.name().matches("Task-\\d+"), "an unnamed task is called Task-<thread id>: " + task.name());
        }
    }
}

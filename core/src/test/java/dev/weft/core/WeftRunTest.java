package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WeftRunTest {

    @Test
    void runReturnsTheValueOfMain() {
        assertEquals("hello", Weft.run(() -> {
            Weft.sleep(Duration.ofMillis(1));
            return "hello";
        }));
    }

    @Test
    void runRethrowsTheSameUncheckedExceptionInstance() {
        IllegalArgumentException thrown = new IllegalArgumentException("nope");
        IllegalArgumentException caught = assertThrows(IllegalArgumentException.class, () -> Weft.run(() -> {
            throw thrown;
        }));
        assertSame(thrown, caught);
    }

    @Test
    void runRethrowsTheSameCheckedExceptionInstanceUnwrapped() {
        IOException thrown = new IOException("checked");
        IOException caught = assertThrows(IOException.class, () -> Weft.run(() -> {
            Weft.sleep(Duration.ofMillis(1));
            throw thrown;
        }));
        assertSame(thrown, caught);
    }

    @Test
    void runRethrowsAnErrorUnchanged() {
        AssertionError thrown = new AssertionError("error");
        AssertionError caught = assertThrows(AssertionError.class, () -> Weft.run(() -> {
            throw thrown;
        }));
        assertSame(thrown, caught);
    }

    @Test
    void runCancelsAndAwaitsLeftoverRootTasksAndClosesTheLoop() throws Exception {
        AtomicBoolean leftoverFinished = new AtomicBoolean();
        AtomicReference<Task<?>> leftover = new AtomicReference<>();
        Loop loop = Weft.run(() -> {
            CountDownLatch started = new CountDownLatch(1);
            leftover.set(Loop.current().spawn("leftover", () -> {
                try {
                    started.countDown();
                    Weft.sleep(Duration.ofMinutes(10));
                } finally {
                    Weft.shield(() -> Weft.sleep(Duration.ofMillis(5)));
                    leftoverFinished.set(true);
                }
                return null;
            }));
            started.await();
            return Loop.current();
        });
        assertTrue(loop.isClosed());
        assertTrue(leftover.get().isDone());
        assertEquals(Task.State.CANCELLED, leftover.get().state());
        assertTrue(leftoverFinished.get(), "run returned before the leftover task unwound");
    }

    @Test
    void runClosesTheLoopAlsoWhenMainFails() {
        AtomicReference<Loop> loop = new AtomicReference<>();
        assertThrows(IllegalStateException.class, () -> Weft.run(() -> {
            loop.set(Loop.current());
            throw new IllegalStateException("fail");
        }));
        assertTrue(loop.get().isClosed());
    }

    @Test
    void runInsideATaskIsAnError() {
        IllegalStateException e = Weft.run(() -> assertThrows(IllegalStateException.class, () -> Weft.run(() -> 1)));
        assertTrue(e.getMessage().contains("Weft.run() was called from a running loop"), e.getMessage());
    }

    @Test
    void runInsideALoopCallbackIsAnError() {
        try (Loop loop = Loop.open()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            loop.callSoon(() -> {
                try {
                    Weft.run(() -> 1);
                } catch (Throwable t) {
                    thrown.set(t);
                }
                loop.stop();
            });
            loop.runForever();
            assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
        }
    }

    @Test
    void mainTaskIsNamedMainAndIsTheCurrentTask() {
        assertEquals("main", Weft.run(() -> Weft.currentTask().name()));
    }

    @Test
    void loopBoundCallsOutsideALoopNameTheFix() {
        for (Runnable call : new Runnable[] {
                () -> Weft.sleep(Duration.ofMillis(1)),
                Weft::currentTask,
                Weft::checkCancelled,
                () -> TaskScope.open(),
                () -> Promise.create(),
                () -> CancelScope.current(),
                () -> Weft.failAfter(Duration.ofSeconds(1), () -> 1),
                () -> Weft.gather(() -> 1)}) {
            NoRunningLoopException e = assertThrows(NoRunningLoopException.class, call::run);
            assertTrue(e.getMessage().contains("Weft.run("), e.getMessage());
            assertTrue(e.getMessage().contains(Thread.currentThread().getName()), e.getMessage());
        }
    }

    @Test
    void blockingCallFromALoopCallbackSaysToSpawnATask() {
        try (Loop loop = Loop.open()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            loop.callSoon(() -> {
                try {
                    Weft.sleep(Duration.ofMillis(1));
                } catch (Throwable t) {
                    thrown.set(t);
                }
                loop.stop();
            });
            loop.runForever();
            assertTrue(thrown.get() instanceof NoRunningLoopException, String.valueOf(thrown.get()));
            assertTrue(thrown.get().getMessage().contains("spawn a task"), thrown.get().getMessage());
        }
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ToThreadTest {

    @Test
    void toThreadRunsTheBodyOnAPlatformThreadAndReturnsItsValue() {
        Weft.run(() -> {
            Thread caller = Thread.currentThread();
            Thread worker = Weft.toThread(Thread::currentThread);
            assertTrue(caller.isVirtual());
            assertFalse(worker.isVirtual(), "toThread ran on a virtual thread");
            assertTrue(worker != caller);
        });
    }

    @Test
    void toThreadRethrowsTheBodysCheckedExceptionUnchanged() {
        IOException io = new IOException("io");
        assertSame(io, assertThrows(IOException.class, () -> Weft.run(() -> Weft.toThread(() -> {
            throw io;
        }))));
    }

    @Test
    void cancellationInterruptsTheThreadAndWaitsForTheBodyToReturn() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            CountDownLatch inBody = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> {
                    try {
                        Weft.toThread(() -> {
                            inBody.countDown();
                            try {
                                never.await();
                            } catch (InterruptedException e) {
                                events.add("body interrupted");
                                Thread.sleep(5); // the body takes its time to unwind
                                events.add("body returned");
                                throw e;
                            }
                            return null;
                        });
                    } finally {
                        events.add("task unwound");
                    }
                });
                Weft.shield(() -> inBody.await());
                t.cancel("stop the thread");
                scope.join();
                assertEquals(Task.State.CANCELLED, t.state());
            }
        });
        assertEquals(List.of("body interrupted", "body returned", "task unwound"), events);
    }

    @Test
    void cancelledTaskDoesNotStartTheBody() {
        Weft.run(() -> {
            boolean[] ran = {false};
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> {
                    Weft.currentTask().cancel("early");
                    Weft.toThread(() -> ran[0] = true);
                });
                scope.join();
                assertEquals(Task.State.CANCELLED, t.state());
                assertFalse(ran[0]);
            }
        });
    }
}

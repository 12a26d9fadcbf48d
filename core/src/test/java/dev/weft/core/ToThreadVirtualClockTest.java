package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.core.testing.TestLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Work handed to a thread by toThread holds a TestLoop's virtual clock while it runs. */
@Timeout(10)
class ToThreadVirtualClockTest {

    @Test
    void aDeadlineDoesNotPassWhileToThreadWorkRuns() throws Exception {
        try (TestLoop test = TestLoop.open()) {
            CountDownLatch working = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            // the work ends only after every task has been seen blocked: the moment the clock would jump
            Thread releaser = Thread.ofPlatform().start(() -> {
                try {
                    working.await();
                    test.awaitAllBlocked();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    finish.countDown();
                }
            });
            String result = test.run(() -> Weft.failAfter(Duration.ofSeconds(1), () -> Weft.toThread(() -> {
                working.countDown();
                finish.await();
                return "finished";
            })));
            releaser.join();
            assertEquals("finished", result);
            assertEquals(0, test.now(), "virtual time moved while the thread worked");
        }
    }

    @Test
    void theClockMovesAgainOnceTheWorkIsDone() throws Exception {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Weft.toThread(() -> "quick");
                Weft.sleep(Duration.ofSeconds(1)); // hangs if the finished work still held the clock
                assertEquals(Duration.ofSeconds(1).toNanos(), test.now());
            });
        }
    }

    @Test
    void theClockMovesAgainAfterWorkThatFailed() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                IOException io = new IOException("failed on the thread");
                assertSame(io, assertThrows(IOException.class, () -> Weft.toThread(() -> {
                    throw io;
                })));
                Weft.sleep(Duration.ofSeconds(1));
                assertEquals(Duration.ofSeconds(1).toNanos(), test.now());
            });
        }
    }
}

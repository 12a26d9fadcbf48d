package dev.weft.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.Task;
import dev.weft.core.Weft;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The virtual clock jumps only while the loop is being run and every task is blocked. */
@Timeout(10)
class TestLoopClockJumpTest {
    private static final long HOUR = Duration.ofHours(1).toNanos();

    @Test
    void clockStaysPutWhileTheTestThreadHasNotRunTheLoop() throws Exception {
        try (TestLoop test = TestLoop.open()) {
            CountDownLatch woke = new CountDownLatch(1);
            long[] wokeAt = new long[1];
            Task<Void> sleeper = test.loop().spawn(() -> {
                Weft.sleep(Duration.ofHours(1));
                wokeAt[0] = test.now();
                woke.countDown();
            });
            // The test thread pauses with the only task blocked: nothing runs the loop, so the
            // clock must not move (before the fix it jumped to the sleeper's timer at once).
            assertFalse(woke.await(200, TimeUnit.MILLISECONDS), "the clock jumped while nobody ran the loop");
            assertEquals(0, test.now());
            long startedAt = test.run(() -> test.now());
            assertEquals(0, startedAt, "main found the clock already advanced");
            test.run(() -> sleeper.join());
            assertEquals(HOUR, wokeAt[0]);
        }
    }

    @Test
    void clockJumpsOnceTheLoopIsRun() {
        try (TestLoop test = TestLoop.open()) {
            Task<Long> sleeper = test.loop().spawn(() -> {
                Weft.sleep(Duration.ofMinutes(5));
                return test.now();
            });
            assertEquals(Duration.ofMinutes(5).toNanos(), test.run(() -> sleeper.join()));
            assertTrue(sleeper.isDone());
        }
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Walks a loop through every row of {@link Loop}'s state table: IDLE -> RUNNING -> IDLE ->
 * CLOSING -> CLOSED, with what each state allows, as seen through {@code isRunning},
 * {@code isClosed} and {@code toString}.
 */
@Timeout(10)
class LoopStateTransitionTest {

    /** "idle", "running", "closing" or "closed", as the loop's toString names its state. */
    private static String state(Loop loop) {
        String s = loop.toString();
        return s.substring(s.lastIndexOf(", ") + 2, s.length() - 1);
    }

    @Test
    void aLoopGoesIdleRunningIdleClosingClosed() throws Exception {
        Loop loop = Loop.open();
        assertEquals("idle", state(loop));
        assertFalse(loop.isRunning());
        assertFalse(loop.isClosed());

        assertEquals("running", loop.runUntilComplete(() -> state(loop)));
        assertEquals("idle", state(loop), "a run returns the loop to IDLE");

        CountDownLatch started = new CountDownLatch(1);
        List<String> seenWhileClosing = new ArrayList<>();
        loop.spawn(() -> {
            try {
                started.countDown();
                Weft.sleep(Duration.ofDays(1));
            } finally {
                // close() cancelled this task and waits for it: the loop is CLOSING
                seenWhileClosing.add(state(loop));
                seenWhileClosing.add("running=" + loop.isRunning());
                seenWhileClosing.add("closed=" + loop.isClosed());
            }
        });
        started.await();
        loop.close();
        assertEquals(List.of("closing", "running=false", "closed=false"), seenWhileClosing);

        assertEquals("closed", state(loop));
        assertTrue(loop.isClosed());
        assertFalse(loop.isRunning());
        loop.close(); // CLOSED is final; a second close does nothing
        assertEquals("closed", state(loop));
        IllegalStateException e = assertThrows(IllegalStateException.class, loop::runForever);
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> {}));
    }

    @Test
    void aLoopCannotBeClosedWhileRunning() {
        try (Loop loop = Loop.open()) {
            IllegalStateException e = loop.runUntilComplete(() -> {
                Promise<IllegalStateException> refused = Promise.create();
                Thread.ofPlatform().start(() -> {
                    try {
                        loop.close();
                        refused.complete(null);
                    } catch (IllegalStateException x) {
                        refused.complete(x);
                    }
                });
                return refused.join();
            });
            assertTrue(e != null && e.getMessage().contains("while it is running"), String.valueOf(e));
            assertEquals("idle", state(loop), "the refused close left the loop open");
        }
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A virtual thread started from a confined task inherits the loop's scheduler (the JDK's rule).
 * If it outlives the loop, it must keep running rather than die when it is next unparked.
 */
class ConfinedLoopOutlivingThreadTest {

    @Test
    void virtualThreadStartedInAConfinedTaskFinishesAfterTheLoopClosed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> result = new AtomicReference<>();
        AtomicReference<Thread> started = new AtomicReference<>();
        Weft.run(LoopOptions.confined(), () -> {
            started.set(Thread.ofVirtual().start(() -> {
                try {
                    release.await();       // parks; it is woken after the loop has closed
                    result.set("finished");
                } catch (InterruptedException e) {
                    result.set("interrupted");
                }
            }));
        });
        release.countDown();               // unparks it: its continuation goes to a closed scheduler
        assertTrue(started.get().join(Duration.ofSeconds(10)), "the thread never finished");
        assertEquals("finished", result.get());
    }
}

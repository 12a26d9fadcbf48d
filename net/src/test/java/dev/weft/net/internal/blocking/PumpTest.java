package dev.weft.net.internal.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.Weft;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A {@link Pump}'s helper never dies with a task parked on it: whatever its operation throws,
 * an {@code Error} included, reaches the task that asked, and follows the pump's failure rule.
 */
class PumpTest {
    @Test
    void anErrorFromAnAcceptReachesTheWaiterAndTheNextTakeAcceptsAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Pump<String> pump = new Pump<>("test accept", () -> {
            if (calls.getAndIncrement() == 0) {
                throw new NoClassDefFoundError("dev/weft/Missing"); // as a class load under EMFILE fails
            }
            return "accepted";
        }, true);
        try {
            Weft.run(() -> Weft.failAfter(Duration.ofSeconds(10), () -> {
                IOException e = assertThrows(IOException.class, pump::take, "the waiter is told, not left parked");
                assertInstanceOf(NoClassDefFoundError.class, e.getCause());
                assertTrue(e.getMessage().startsWith("test accept failed: "), e.getMessage());
                assertEquals("accepted", pump.take(), "an accept pump runs the operation again");
            }));
        } finally {
            pump.close();
        }
        assertEquals(2, calls.get());
    }

    @Test
    void anErrorFromAReadIsFinalForEveryLaterTake() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Pump<String> pump = new Pump<>("test read", () -> {
            calls.incrementAndGet();
            throw new AssertionError("boom");
        });
        try {
            Weft.run(() -> Weft.failAfter(Duration.ofSeconds(10), () -> {
                IOException first = assertThrows(IOException.class, pump::take);
                assertInstanceOf(AssertionError.class, first.getCause());
                assertSame(first, assertThrows(IOException.class, pump::take), "the same failure, again");
            }));
        } finally {
            pump.close();
        }
        assertEquals(1, calls.get(), "a read pump never runs a failed operation again");
    }
}

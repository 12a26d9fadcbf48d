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
 * A {@link Pump}'s helper never dies with a task parked on it: whatever its operation throws
 * reaches the task that asked. A runtime exception follows the pump's failure rule (it passes for
 * an accept, is final for a read); an {@code Error} is final and thrown as it is.
 */
class PumpTest {
    @Test
    void anErrorFromAnAcceptReachesTheWaiterAsItIsAndEndsThePump() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        NoClassDefFoundError missing = new NoClassDefFoundError("dev/weft/Missing"); // as under EMFILE
        Pump<String> pump = new Pump<>("test accept", () -> {
            calls.incrementAndGet();
            throw missing;
        }, true);
        try {
            Weft.run(() -> Weft.failAfter(Duration.ofSeconds(10), () -> {
                assertSame(missing, assertThrows(NoClassDefFoundError.class, pump::take),
                        "the waiter is told, not left parked");
                assertSame(missing, assertThrows(NoClassDefFoundError.class, pump::take),
                        "an Error is final even where I/O failures pass");
            }));
        } finally {
            pump.close();
        }
        assertEquals(1, calls.get());
    }

    @Test
    void aRuntimeExceptionFromAnAcceptPassesAndTheNextTakeAcceptsAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Pump<String> pump = new Pump<>("test accept", () -> {
            if (calls.getAndIncrement() == 0) {
                throw new IllegalStateException("once");
            }
            return "accepted";
        }, true);
        try {
            Weft.run(() -> Weft.failAfter(Duration.ofSeconds(10), () -> {
                IOException e = assertThrows(IOException.class, pump::take);
                assertInstanceOf(IllegalStateException.class, e.getCause());
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
                AssertionError first = assertThrows(AssertionError.class, pump::take);
                assertSame(first, assertThrows(AssertionError.class, pump::take), "the same failure, again");
            }));
        } finally {
            pump.close();
        }
        assertEquals(1, calls.get(), "a read pump never runs a failed operation again");
    }
}

package dev.weft.net.internal.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/**
 * {@link Interest#fire}'s rule for standing operations, on its own (the selector thread's side,
 * called directly): while polling, a readiness nobody claims keeps reading armed once, and the
 * next one disarms it; outside polling the first one disarms it; a waiter is always woken.
 */
class InterestFireTest {
    private static final int READ = SelectionKey.OP_READ;

    @Test
    void whilePollingAReadinessForNobodyKeepsReadingArmedOnceThenDisarmsIt() throws Exception {
        try (SocketChannel ch = SocketChannel.open()) {
            Interest in = new Interest(ch);
            in.armed(READ);
            assertEquals(READ, in.fire(READ, true), "first report for nobody: kept, nobody woken");
            assertTrue(in.isStanding(READ));
            assertEquals(0, in.fire(READ, true), "second report for nobody: disarmed");
            assertFalse(in.isStanding(READ));
        }
    }

    @Test
    void aWakeUpInBetweenResetsTheSparedReport() throws Exception {
        try (SocketChannel ch = SocketChannel.open()) {
            Interest in = new Interest(ch);
            in.armed(READ);
            assertEquals(READ, in.fire(READ, true));
            in.enter(READ, Thread.currentThread()); // a waiter comes back
            assertEquals(READ | Interest.WOKE, in.fire(READ, true), "the waiter is woken, reading stays armed");
            assertFalse(in.waiting(READ, Thread.currentThread()), "the slot was emptied");
            assertEquals(READ, in.fire(READ, true), "after a wake-up, one report for nobody is spared again");
            assertEquals(0, in.fire(READ, false), "outside polling the next one disarms");
            assertFalse(in.isStanding(READ));
        }
    }

    @Test
    void outsidePollingTheFirstReadinessForNobodyDisarms() throws Exception {
        try (SocketChannel ch = SocketChannel.open()) {
            Interest in = new Interest(ch);
            in.armed(READ);
            assertEquals(0, in.fire(READ, false));
            assertFalse(in.isStanding(READ));
            in.armed(READ);
            in.enter(READ, Thread.currentThread());
            assertEquals(READ | Interest.WOKE, in.fire(READ, false), "a waiter keeps it armed");
            assertTrue(in.isStanding(READ));
        }
    }
}

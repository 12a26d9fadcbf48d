package dev.weft.net.internal.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * While the selector polls it keeps reading armed even when bytes arrive for nobody; once it
 * stops polling, such a readiness must be disarmed (else a level-triggered select would return at
 * once, round after round, for bytes no task asked for), and a task that waits later must still
 * be woken for them.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NioUnclaimedReadinessTest {

    @Test
    void bytesNobodyWaitsForAreDisarmedThenStillWakeTheNextWaiter() throws Exception {
        try (Loopback l = new Loopback("unclaimed")) {
            l.ch.configureBlocking(false);
            StandingOps.makeStanding(l.in, SelectionKey.OP_READ, StandingOps.readRound(l.transport, l.ch, l.in, l.peer));

            l.peer.write(ByteBuffer.wrap(new byte[] {42})); // nobody waits, nobody reads
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> !l.in.isStanding(SelectionKey.OP_READ)); // the selector stopped polling and disarmed

            Thread late = StandingOps.awaitIn(l.transport, l.ch, l.in, SelectionKey.OP_READ);
            assertTrue(late.join(Duration.ofSeconds(10)), "a waiter that comes later is woken for the bytes already there");
            ByteBuffer got = ByteBuffer.allocate(8);
            assertEquals(1, l.ch.read(got));
            assertEquals(42, got.get(0));
        }
    }
}

package dev.weft.net.internal.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.Weft;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * After a read that left room in its buffer, the next read waits for the selector first instead
 * of trying the socket (the selector keeps reading armed). Bytes that are already there when it
 * starts must still be read at once, whichever way the selector's state went meanwhile: the wait
 * must never park on bytes the socket already holds.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NioReadAfterShortReadTest {

    /** Reads {@code n} bytes through the stream, whatever the chunks. */
    private static byte[] readFully(NioByteStream stream, int n) throws Exception {
        ByteBuffer got = ByteBuffer.allocate(64);
        while (got.position() < n) {
            assertTrue(stream.read(got) > 0, "the stream ended early");
        }
        return Arrays.copyOf(got.array(), got.position());
    }

    @Test
    void aReadAfterAShortReadGetsBytesThatArrivedBeforeIt() throws Exception {
        try (Loopback l = new Loopback("short-read")) {
            int[] hinted = {0};
            Weft.run(() -> {
                NioByteStream stream = new NioByteStream(l.transport, l.ch, l.in);
                for (int round = 0; round < 100; round++) {
                    // A read that leaves room in its buffer: the next read may wait first.
                    l.peer.write(ByteBuffer.wrap(new byte[] {(byte) round}));
                    assertEquals(1, readFully(stream, 1).length);
                    // Reading stays armed after a wait woken by the peer (usually one round).
                    StandingOps.tryMakeStanding(l.in, SelectionKey.OP_READ, StandingOps.readRound(l.transport, l.ch, l.in, l.peer));
                    if (l.in.isStanding(SelectionKey.OP_READ)) {
                        hinted[0]++; // the read below waits for the selector before it reads
                    }
                    // Bytes that are in the socket before the next read starts.
                    byte[] second = {1, 2, 3, (byte) round};
                    l.peer.write(ByteBuffer.wrap(second));
                    assertArrayEquals(second, readFully(stream, second.length), "round " + round);
                }
                return null;
            });
            assertTrue(hinted[0] > 0, "no round reached the path under test (reading armed after a short read)");
        }
    }

    @Test
    void aReadAfterAShortReadOnAClosedChannelReportsTheCloseInsteadOfWaiting() throws Exception {
        try (Loopback l = new Loopback("short-read-closed")) {
            Weft.run(() -> {
                NioByteStream stream = new NioByteStream(l.transport, l.ch, l.in);
                l.peer.write(ByteBuffer.wrap(new byte[] {7}));
                assertEquals(1, readFully(stream, 1).length); // leaves room: the next read would wait first
                l.ch.close();
                l.in.armed(SelectionKey.OP_READ); // what a close racing the first arming could leave behind
                assertThrows(ClosedChannelException.class, () -> stream.read(ByteBuffer.allocate(8)));
                return null;
            });
        }
    }
}

package dev.weft.net.internal.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.Task;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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

    @Test
    void aReadAfterAShortReadGetsBytesThatArrivedBeforeIt() throws Exception {
        NioTransport transport = NioTransport.open("short-read");
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            SocketChannel ch = SocketChannel.open(server.getLocalAddress());
            Interest in = new Interest(ch);
            int[] hinted = {0};
            try (SocketChannel peer = server.accept()) {
                Weft.run(() -> {
                    NioByteStream stream = new NioByteStream(transport, ch, in);
                    ByteBuffer buf = ByteBuffer.allocate(64);
                    for (int round = 0; round < 200; round++) {
                        // A read that waits and is woken by one byte: reading stays armed (most
                        // rounds) and the read leaves room in the buffer, so the next read waits first.
                        byte[] first = {(byte) round};
                        try (TaskScope scope = TaskScope.open()) {
                            Task<Integer> reader = scope.spawn(() -> stream.read(buf.clear()));
                            peer.write(ByteBuffer.wrap(first));
                            assertEquals(1, reader.join());
                        }
                        // Bytes that are in the socket before the next read starts.
                        byte[] second = {1, 2, 3, (byte) round};
                        if (in.isStanding(SelectionKey.OP_READ)) {
                            hinted[0]++; // the read below waits for the selector before it reads
                        }
                        peer.write(ByteBuffer.wrap(second));
                        int n = 0;
                        ByteBuffer got = ByteBuffer.allocate(64);
                        while (n < second.length) {
                            int r = stream.read(got);
                            assertTrue(r > 0, "the stream ended early");
                            n += r;
                        }
                        assertArrayEquals(second, Arrays.copyOf(got.array(), n), "round " + round);
                    }
                    return null;
                });
                assertTrue(hinted[0] > 0, "no round reached the path under test (reading armed after a short read)");
            } finally {
                ch.close();
            }
        } finally {
            transport.close();
        }
    }
}

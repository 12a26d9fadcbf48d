package dev.weft.net.internal.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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
        NioTransport transport = NioTransport.open("unclaimed");
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            SocketChannel ch = SocketChannel.open(server.getLocalAddress());
            ch.configureBlocking(false);
            Interest in = new Interest(ch);
            try (SocketChannel peer = server.accept()) {
                for (int i = 0; i < 100 && !in.isStanding(SelectionKey.OP_READ); i++) {
                    Thread waiter = Thread.ofVirtual().start(() -> {
                        try {
                            transport.await(ch, in, SelectionKey.OP_READ);
                            ch.read(ByteBuffer.allocate(8));
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    });
                    peer.write(ByteBuffer.wrap(new byte[] {0}));
                    waiter.join();
                }
                assertTrue(in.isStanding(SelectionKey.OP_READ), "precondition: reading stays armed");

                peer.write(ByteBuffer.wrap(new byte[] {42})); // nobody waits, nobody reads
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> !in.isStanding(SelectionKey.OP_READ)); // the selector stopped polling and disarmed

                Thread late = Thread.ofVirtual().start(() -> {
                    try {
                        transport.await(ch, in, SelectionKey.OP_READ);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                assertTrue(late.join(Duration.ofSeconds(10)), "a waiter that comes later is woken for the bytes already there");
                ByteBuffer got = ByteBuffer.allocate(8);
                assertEquals(1, ch.read(got));
                assertEquals(42, got.get(0));
            } finally {
                ch.close();
            }
        } finally {
            transport.close();
        }
    }
}

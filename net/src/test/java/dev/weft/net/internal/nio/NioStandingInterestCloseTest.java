package dev.weft.net.internal.nio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A read or accept that stays armed ("standing") between waits must not outlive its channel: a
 * task that comes back to wait after the channel or the transport was closed is woken (and its
 * retry reports the close), instead of parking for good. Found by review: the close paths woke
 * the waiters present but left the operation standing, so a later waiter skipped arming, which
 * is where an invalid key is noticed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NioStandingInterestCloseTest {

    /** Waits on {@code op} in a new thread, then runs {@code then}; returns the thread, to be joined. */
    private static Thread awaitIn(NioTransport transport, SelectableChannel ch, Interest in, int op, IoAction then) {
        return Thread.ofVirtual().start(() -> {
            try {
                transport.await(ch, in, op);
                then.run();
            } catch (Exception e) {
                // a closed transport or channel says so; what matters is that the wait returns
            }
        });
    }

    private static Thread awaitIn(NioTransport transport, SelectableChannel ch, Interest in, int op) {
        return awaitIn(transport, ch, in, op, () -> { });
    }

    /**
     * Repeats {@code round} (a wait woken by the peer, then the read or accept that takes what
     * woke it) until {@code op} stays armed. One round is usually enough; it takes another when
     * the selector looked again before the woken task had read, found nobody waiting and
     * disarmed (as it should).
     */
    private static void makeStanding(Interest in, int op, IoAction round) throws Exception {
        for (int i = 0; i < 100 && !in.isStanding(op); i++) {
            round.run();
        }
        assertTrue(in.isStanding(op), "precondition: the operation stays armed after a woken wait");
    }

    /** What a woken reader or acceptor does next: take what woke it, as read() and accept() do. */
    @FunctionalInterface
    private interface IoAction {
        void run() throws Exception;
    }

    @Test
    void aReaderThatWaitsAgainAfterTheStreamClosedIsWoken() throws Exception {
        NioTransport transport = NioTransport.open("standing-read");
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            SocketChannel ch = SocketChannel.open(server.getLocalAddress());
            Interest in = new Interest(ch);
            NioByteStream stream = new NioByteStream(transport, ch, in);
            try (SocketChannel peer = server.accept()) {
                makeStanding(in, SelectionKey.OP_READ, () -> {
                    Thread reader = awaitIn(transport, ch, in, SelectionKey.OP_READ, () -> ch.read(ByteBuffer.allocate(8)));
                    peer.write(ByteBuffer.wrap(new byte[] {1})); // wakes it: reading then stays armed
                    reader.join();
                });

                stream.close();
                Thread again = awaitIn(transport, ch, in, SelectionKey.OP_READ);
                assertTrue(again.join(Duration.ofSeconds(10)), "a reader waiting after close() must be woken");
                assertFalse(in.isStanding(SelectionKey.OP_READ));
            }
        } finally {
            transport.close();
        }
    }

    @Test
    void anAcceptorThatWaitsAgainAfterTheListenerClosedIsWoken() throws Exception {
        NioTransport transport = NioTransport.open("standing-accept");
        ServerSocketChannel ch = ServerSocketChannel.open();
        ch.configureBlocking(false);
        ch.bind(new InetSocketAddress("127.0.0.1", 0));
        Interest in = new Interest(ch);
        NioListener listener = new NioListener(transport, ch, in);
        try {
            List<SocketChannel> clients = new ArrayList<>();
            try {
                makeStanding(in, SelectionKey.OP_ACCEPT, () -> {
                    Thread acceptor = awaitIn(transport, ch, in, SelectionKey.OP_ACCEPT, () -> ch.accept().close());
                    clients.add(SocketChannel.open(ch.getLocalAddress())); // wakes it: accepting then stays armed
                    acceptor.join();
                });

                listener.close();
                Thread again = awaitIn(transport, ch, in, SelectionKey.OP_ACCEPT);
                assertTrue(again.join(Duration.ofSeconds(10)), "an acceptor waiting after close() must be woken");
            } finally {
                for (SocketChannel c : clients) {
                    c.close();
                }
            }
        } finally {
            transport.close();
        }
    }

    @Test
    void closingTheTransportStopsAStandingOperationFromHoldingANewWaiter() throws Exception {
        NioTransport transport = NioTransport.open("standing-shutdown");
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            SocketChannel ch = SocketChannel.open(server.getLocalAddress());
            Interest in = new Interest(ch);
            new NioByteStream(transport, ch, in);
            try (SocketChannel peer = server.accept()) {
                makeStanding(in, SelectionKey.OP_READ, () -> {
                    Thread reader = awaitIn(transport, ch, in, SelectionKey.OP_READ, () -> ch.read(ByteBuffer.allocate(8)));
                    peer.write(ByteBuffer.wrap(new byte[] {1})); // wakes it: reading then stays armed
                    reader.join();
                });

                transport.close(); // the selector thread shuts down after it
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> !in.isStanding(SelectionKey.OP_READ)); // a closed transport arms nothing
            } finally {
                ch.close();
            }
        }
    }
}

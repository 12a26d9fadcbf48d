package dev.weft.net.internal.nio;

import static dev.weft.net.internal.nio.StandingOps.awaitIn;
import static dev.weft.net.internal.nio.StandingOps.makeStanding;
import static dev.weft.net.internal.nio.StandingOps.readRound;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
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

    @Test
    void aReaderThatWaitsAgainAfterTheStreamClosedIsWoken() throws Exception {
        try (Loopback l = new Loopback("standing-read")) {
            NioByteStream stream = new NioByteStream(l.transport, l.ch, l.in);
            makeStanding(l.in, SelectionKey.OP_READ, readRound(l.transport, l.ch, l.in, l.peer));

            stream.close();
            Thread again = awaitIn(l.transport, l.ch, l.in, SelectionKey.OP_READ);
            assertTrue(again.join(Duration.ofSeconds(10)), "a reader waiting after close() must be woken");
            assertFalse(l.in.isStanding(SelectionKey.OP_READ));
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
        try (Loopback l = new Loopback("standing-shutdown")) {
            new NioByteStream(l.transport, l.ch, l.in);
            makeStanding(l.in, SelectionKey.OP_READ, readRound(l.transport, l.ch, l.in, l.peer));

            l.transport.close(); // the selector thread shuts down after it
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> !l.in.isStanding(SelectionKey.OP_READ)); // a closed transport arms nothing
        }
    }
}

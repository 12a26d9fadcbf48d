package dev.weft.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.DeadlineExceededException;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The seed's toy (sock_accept, sock_recv, sock_sendall, sock_connect) on plain JDK channels. */
class SocketsLowLevelTest {

    static byte[] reversed(byte[] data) {
        byte[] r = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            r[i] = data[data.length - 1 - i];
        }
        return r;
    }

    @Test
    void theSeedsReversedEchoRunsOnPlainChannels() throws Exception {
        Weft.run(() -> {
            try (ServerSocketChannel server = ServerSocketChannel.open();
                 TaskScope scope = TaskScope.open()) {
                server.bind(new InetSocketAddress("127.0.0.1", 0), 1);
                scope.spawn(() -> {
                    try (SocketChannel client = Sockets.accept(server)) {
                        byte[] data = Sockets.recv(client, 1024);
                        Sockets.sendAll(client, reversed(data));
                    }
                });
                try (SocketChannel client = SocketChannel.open()) {
                    Sockets.connect(client, server.getLocalAddress());
                    Sockets.sendAll(client, "Hello Server!\n".getBytes(UTF_8));
                    assertEquals("\n!revreS olleH", new String(Sockets.recv(client, 1024), UTF_8));
                    assertEquals(0, Sockets.recv(client, 1024).length, "the server closed");
                }
                scope.join();
            }
        });
    }

    @Test
    void aTimedOutRecvReadsNothingAndTheChannelStaysUsable() throws Exception {
        Weft.run(() -> {
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress("127.0.0.1", 0));
                try (SocketChannel client = SocketChannel.open()) {
                    Sockets.connect(client, server.getLocalAddress());
                    try (SocketChannel peer = Sockets.accept(server)) {
                        ByteBuffer buffer = ByteBuffer.allocate(16);
                        assertThrows(DeadlineExceededException.class,
                                () -> Weft.failAfter(Duration.ofMillis(100), () -> Sockets.recvInto(client, buffer)));
                        assertEquals(0, buffer.position());
                        assertTrue(client.isOpen());
                        Sockets.sendAll(peer, ByteBuffer.wrap("late".getBytes(UTF_8)));
                        assertEquals(4, Sockets.recvInto(client, buffer));
                        assertEquals("late", new String(buffer.array(), 0, 4, UTF_8));
                    }
                }
            }
        });
    }

    @Test
    void theCallsWorkWhenTheDefaultTransportHasNoSelector() throws Exception {
        String before = System.getProperty(NetOptions.TRANSPORT_PROPERTY);
        System.setProperty(NetOptions.TRANSPORT_PROPERTY, "blocking");
        try {
            Weft.run(() -> {
                assertEquals("blocking", Net.transportNames().get(0));
                assertFalse(Net.transport("blocking").readiness().isPresent());
                try (ServerSocketChannel server = ServerSocketChannel.open()) {
                    server.bind(new InetSocketAddress("127.0.0.1", 0));
                    try (SocketChannel client = SocketChannel.open()) {
                        Sockets.connect(client, server.getLocalAddress());
                        try (SocketChannel peer = Sockets.accept(server)) {
                            Sockets.sendAll(client, "x".getBytes(UTF_8));
                            assertEquals("x", new String(Sockets.recv(peer, 10), UTF_8));
                        }
                    }
                }
            });
        } finally {
            if (before == null) {
                System.clearProperty(NetOptions.TRANSPORT_PROPERTY);
            } else {
                System.setProperty(NetOptions.TRANSPORT_PROPERTY, before);
            }
        }
    }

    @Test
    void aRefusedConnectSaysNothingIsListening() throws Exception {
        Weft.run(() -> {
            InetSocketAddress free;
            try (ServerSocketChannel probe = ServerSocketChannel.open()) {
                probe.bind(new InetSocketAddress("127.0.0.1", 0));
                free = (InetSocketAddress) probe.getLocalAddress();
            }
            try (SocketChannel client = SocketChannel.open()) {
                ConnectException e = assertThrows(ConnectException.class, () -> Sockets.connect(client, free));
                assertTrue(e.getMessage().contains("nothing is listening"), e.getMessage());
            }
        });
    }
}

package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/**
 * The JDK facts ADR 0007 rests on: an interrupt closes a channel in blocking mode when a
 * channel operation starts or blocks, and never one in non-blocking mode.
 */
class NioTransportInterruptTest {

    @Test
    void anInterruptDoesNotCloseANonBlockingChannel() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel peer = server.accept()) {
                client.configureBlocking(false);
                Thread.currentThread().interrupt();
                try {
                    assertEquals(0, client.read(ByteBuffer.allocate(8)));
                    assertEquals(1, client.write(ByteBuffer.wrap(new byte[] {7})));
                } finally {
                    Thread.interrupted();
                }
                assertTrue(client.isOpen());
                assertEquals(1, peer.read(ByteBuffer.allocate(8)));
            }
        }
    }

    @Test
    void anInterruptClosesABlockingChannel() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel peer = server.accept()) {
                Thread.currentThread().interrupt();
                try {
                    assertThrows(ClosedByInterruptException.class, () -> client.read(ByteBuffer.allocate(8)));
                } finally {
                    Thread.interrupted();
                }
                assertTrue(!client.isOpen(), "this is why the blocking transport reads on helper threads");
                assertEquals(-1, peer.read(ByteBuffer.allocate(8)));
            }
        }
    }
}

package dev.weft.net.internal.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A fresh transport and a connected loopback pair for tests of the nio internals: {@link #ch} is
 * ours (with its {@link #in} record, not yet made a stream), {@link #peer} the other end in
 * blocking mode. Closing closes all of them (each close is idempotent, so a test may close some
 * first).
 */
final class Loopback implements AutoCloseable {
    final NioTransport transport;
    final SocketChannel ch;
    final Interest in;
    final SocketChannel peer;

    Loopback(String name) throws IOException {
        transport = NioTransport.open(name);
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            ch = SocketChannel.open(server.getLocalAddress());
            in = new Interest(ch);
            peer = server.accept();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            peer.close();
            ch.close();
        } finally {
            transport.close();
        }
    }
}

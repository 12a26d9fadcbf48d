package dev.weft.net.internal.nio;

import dev.weft.core.Weft;
import dev.weft.net.spi.ByteStream;
import dev.weft.net.spi.Listener;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A listening channel in non-blocking mode. */
final class NioListener implements Listener {
    private final NioTransport transport;
    private final ServerSocketChannel channel;
    private final Interest interest;
    private final SocketAddress local;

    NioListener(NioTransport transport, ServerSocketChannel channel, Interest interest) throws IOException {
        this.transport = transport;
        this.channel = channel;
        this.interest = interest;
        this.local = channel.getLocalAddress();
    }

    @Override
    public ByteStream accept() throws IOException {
        Weft.checkCancelled();
        while (true) {
            SocketChannel accepted = channel.accept();
            if (accepted != null) {
                try {
                    return new NioByteStream(transport, accepted, new Interest(accepted));
                } catch (IOException | RuntimeException e) {
                    accepted.close();
                    throw e;
                }
            }
            transport.await(channel, interest, SelectionKey.OP_ACCEPT);
        }
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public void close() {
        transport.closeRegistered(channel, interest);
    }

    @Override
    public String toString() {
        return "nio listener " + local;
    }
}

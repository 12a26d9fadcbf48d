package dev.weft.net.internal.nio;

import dev.weft.core.Weft;
import dev.weft.net.spi.DatagramPort;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/** A datagram channel in non-blocking mode. */
final class NioDatagramPort implements DatagramPort {
    private final NioTransport transport;
    private final DatagramChannel channel;
    private final Interest interest;
    private final SocketAddress local;
    private final SocketAddress remote;

    NioDatagramPort(NioTransport transport, DatagramChannel channel, Interest interest) throws IOException {
        this.transport = transport;
        this.channel = channel;
        this.interest = interest;
        this.local = channel.getLocalAddress();
        this.remote = channel.getRemoteAddress();
    }

    @Override
    public SocketAddress receive(ByteBuffer dst) throws IOException {
        Weft.checkCancelled();
        while (true) {
            SocketAddress from = channel.receive(dst);
            if (from != null) {
                return from;
            }
            transport.await(channel, interest, SelectionKey.OP_READ);
        }
    }

    @Override
    public void send(ByteBuffer src, SocketAddress target) throws IOException {
        Weft.checkCancelled();
        while (true) {
            int n = target == null ? channel.write(src) : channel.send(src, target);
            if (n > 0 || !src.hasRemaining()) {
                return;
            }
            transport.await(channel, interest, SelectionKey.OP_WRITE);
        }
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void close() {
        transport.closeRegistered(channel, interest);
    }

    @Override
    public String toString() {
        return "nio datagram " + local + (remote != null ? " -> " + remote : "");
    }
}

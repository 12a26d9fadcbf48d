package dev.weft.net.internal.blocking;

import dev.weft.core.Weft;
import dev.weft.net.spi.DatagramPort;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A datagram channel in blocking mode. Receives run on a {@link Pump}'s helper thread; a send
 * runs on the caller's thread inside {@link Weft#shield}, where no interrupt can reach it (a UDP
 * send does not wait for the peer, so the shield is short).
 */
final class BlockingDatagramPort implements DatagramPort {
    private static final int MAX_DATAGRAM = 65_535;

    private record Received(ByteBuffer data, SocketAddress sender) {}

    private final DatagramChannel channel;
    private final SocketAddress local;
    private final SocketAddress remote;
    private final Pump<Received> receives;

    BlockingDatagramPort(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.local = channel.getLocalAddress();
        this.remote = channel.getRemoteAddress();
        this.receives = new Pump<>("receive on " + local, this::receiveOne);
    }

    private Received receiveOne() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        SocketAddress from = channel.receive(buffer);
        return new Received(buffer.flip(), from);
    }

    @Override
    public SocketAddress receive(ByteBuffer dst) throws IOException {
        Received r = receives.take();
        if (r == null) {
            throw new java.net.SocketException("datagram socket " + local + " is closed");
        }
        int n = Math.min(r.data().remaining(), dst.remaining());
        dst.put(dst.position(), r.data(), r.data().position(), n).position(dst.position() + n);
        return r.sender();
    }

    @Override
    public void send(ByteBuffer src, SocketAddress target) throws IOException {
        Weft.checkCancelled();
        Weft.shield(() -> {
            if (target == null) {
                channel.write(src);
            } else {
                channel.send(src, target);
            }
        });
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
        try {
            channel.close();
        } catch (IOException e) {
            // released either way
        }
        receives.close();
    }

    @Override
    public String toString() {
        return "blocking datagram " + local + (remote != null ? " -> " + remote : "");
    }
}

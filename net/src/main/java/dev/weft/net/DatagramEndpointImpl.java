package dev.weft.net;

import dev.weft.net.spi.DatagramPort;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/** A UDP socket over a transport's {@link DatagramPort}. */
final class DatagramEndpointImpl implements DatagramEndpoint {
    private final DatagramPort port;

    DatagramEndpointImpl(DatagramPort port) {
        this.port = port;
    }

    @Override
    public void send(byte[] data) throws IOException {
        if (port.remoteAddress() == null) {
            throw new IllegalStateException("send(data) on an endpoint that is not connected: use sendTo(data, target)"
                    + ", or open it with Net.connectDatagramEndpoint(host, port)");
        }
        checkSize(data);
        port.send(ByteBuffer.wrap(data), null);
    }

    @Override
    public void sendTo(byte[] data, SocketAddress target) throws IOException {
        Objects.requireNonNull(target, "sendTo: the target address is null");
        checkSize(data);
        port.send(ByteBuffer.wrap(data), target);
    }

    private static void checkSize(byte[] data) {
        Objects.requireNonNull(data, "the datagram is null");
        if (data.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a datagram of " + data.length + " bytes is larger than UDP allows ("
                    + MAX_PAYLOAD + " bytes); split it, or use a stream connection");
        }
    }

    @Override
    public Datagram receive() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(65_535);
        SocketAddress sender;
        try {
            sender = port.receive(buffer);
        } catch (PortUnreachableException e) {
            PortUnreachableException clear = new PortUnreachableException("nothing listens on "
                    + port.remoteAddress() + ": its system answered 'port unreachable' to a datagram we sent. Start "
                    + "the peer first, or check the port");
            clear.initCause(e);
            throw clear;
        }
        return new Datagram(Arrays.copyOf(buffer.array(), buffer.position()), sender);
    }

    @Override
    public SocketAddress localAddress() {
        return port.localAddress();
    }

    @Override
    public SocketAddress remoteAddress() {
        return port.remoteAddress();
    }

    @Override
    public void close() {
        port.close();
    }

    @Override
    public String toString() {
        return "DatagramEndpoint[" + localAddress() + (remoteAddress() != null ? " -> " + remoteAddress() : "") + "]";
    }
}

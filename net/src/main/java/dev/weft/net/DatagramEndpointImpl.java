package dev.weft.net;

import dev.weft.net.spi.DatagramPort;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
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
        try {
            port.send(ByteBuffer.wrap(data), null);
        } catch (ClosedChannelException e) {
            throw closed("send", e);
        }
    }

    @Override
    public void sendTo(byte[] data, SocketAddress target) throws IOException {
        Objects.requireNonNull(target, "sendTo: the target address is null");
        checkSize(data);
        try {
            port.send(ByteBuffer.wrap(data), target);
        } catch (ClosedChannelException e) {
            throw closed("sendTo", e);
        }
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
        } catch (ClosedChannelException e) {
            throw closed("receive", e);
        } catch (PortUnreachableException e) {
            PortUnreachableException clear = new PortUnreachableException("nothing listens on "
                    + port.remoteAddress() + ": its system answered 'port unreachable' to a datagram we sent. Start "
                    + "the peer first, or check the port");
            clear.initCause(e);
            throw clear;
        }
        return new Datagram(Arrays.copyOf(buffer.array(), buffer.position()), sender);
    }

    /** The JDK's exception has no message; this one, of the same type, says what happened. */
    private ClosedChannelException closed(String call, ClosedChannelException e) {
        String message = e instanceof AsynchronousCloseException
                ? call + "() on " + this + " ended: the endpoint was closed while it waited"
                : call + "() on a closed " + this + ": close() was called on it; open a new endpoint";
        ClosedChannelException clear = e instanceof AsynchronousCloseException
                ? new AsynchronousCloseException() {
                    @Override
                    public String getMessage() {
                        return message;
                    }
                }
                : new ClosedChannelException() {
                    @Override
                    public String getMessage() {
                        return message;
                    }
                };
        clear.initCause(e);
        return clear;
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

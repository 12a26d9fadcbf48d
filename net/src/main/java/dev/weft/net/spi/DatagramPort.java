package dev.weft.net.spi;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * A UDP socket. {@link #receive} blocks and is a cancellation point; a datagram that arrives for
 * a cancelled receive is returned by the next one. Thread-safe; one receive at a time.
 */
public interface DatagramPort extends AutoCloseable {

    /**
     * Receives one datagram into {@code dst}; bytes that do not fit are dropped (UDP's rule).
     *
     * @return the sender's address
     */
    SocketAddress receive(ByteBuffer dst) throws IOException;

    /**
     * Sends {@code src} as one datagram to {@code target}, or to the connected peer if
     * {@code target} is null.
     */
    void send(ByteBuffer src, SocketAddress target) throws IOException;

    /** The bound address. */
    SocketAddress localAddress();

    /** The connected peer, or null. */
    SocketAddress remoteAddress();

    /** Closes the socket; a blocked receive throws. Idempotent. */
    @Override
    void close();
}

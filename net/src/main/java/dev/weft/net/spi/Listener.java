package dev.weft.net.spi;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * A listening stream socket. {@link #accept()} blocks and is a cancellation point; a connection
 * that arrives for a cancelled accept is returned by the next one (or closed with the listener).
 * Thread-safe; one accept at a time.
 */
public interface Listener extends AutoCloseable {

    /** Waits for the next connection. */
    ByteStream accept() throws IOException;

    /** The bound address (with the port the system chose, if 0 was asked for). */
    SocketAddress localAddress();

    /**
     * Stops listening: once this returns, new connections are refused and the address may be
     * bound again. A blocked accept throws; connections already accepted stay open. Idempotent.
     */
    @Override
    void close();
}

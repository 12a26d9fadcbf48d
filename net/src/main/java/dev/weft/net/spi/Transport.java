package dev.weft.net.spi;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * Opens sockets for Weft's streams: one instance of a transport, with whatever threads it needs
 * (the {@code nio} transport runs one selector thread per instance).
 *
 * <p>Addresses are {@link java.net.InetSocketAddress}es that are already resolved (TCP, UDP) or
 * {@link java.net.UnixDomainSocketAddress}es (Unix domain stream sockets). Name resolution,
 * timeouts, TLS and socket options such as {@code TCP_NODELAY} are applied by the caller.
 *
 * <h2>Blocking and cancellation</h2>
 * {@link #connect} and every blocking call of the objects returned are cancellation points and
 * must be called from a Weft task; see the package documentation for what a cancelled call may
 * and may not do to the socket.
 *
 * <h2>Thread-safety</h2>
 * All methods are thread-safe.
 */
public interface Transport extends AutoCloseable {

    /** The provider's name. */
    String name();

    /**
     * Connects a stream socket to {@code remote}. Blocks until connected. Cancelling the call
     * closes the half-made socket.
     *
     * @throws java.net.ConnectException if the peer refused
     * @throws IOException for other failures
     */
    ByteStream connect(SocketAddress remote) throws IOException;

    /**
     * Binds a listening stream socket to {@code local} with the given accept {@code backlog}.
     * Never blocks. Internet listeners set {@code SO_REUSEADDR}, as asyncio does on POSIX.
     *
     * @throws java.net.BindException if the address is in use
     */
    Listener listen(SocketAddress local, int backlog) throws IOException;

    /**
     * Opens a UDP socket bound to {@code local} (port 0 for any) and, if {@code remote} is not
     * null, connected to it. Never blocks.
     */
    DatagramPort openDatagram(SocketAddress local, SocketAddress remote) throws IOException;

    /** Readiness notifications for the low-level calls on plain channels, if this transport has them. */
    Optional<Readiness> readiness();

    /**
     * Closes the transport: its threads end and later calls fail. Sockets opened through it must
     * be closed first; they are not tracked. Idempotent.
     */
    @Override
    void close();
}

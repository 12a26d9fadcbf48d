package dev.weft.net;

import java.net.SocketAddress;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * A connected stream socket (TCP, Unix domain, optionally TLS) as a {@link StreamReader} and a
 * {@link StreamWriter}: what asyncio's {@code open_connection} returns as a pair.
 *
 * <pre>{@code
 * try (Connection conn = Net.openConnection("127.0.0.1", 8888)) {
 *     conn.writer().write("hello\n".getBytes(UTF_8));
 *     byte[] reply = conn.reader().readLine();
 * }   // close(): sends what is buffered, then closes
 * }</pre>
 *
 * <h2>States</h2>
 * <table>
 * <caption>Connection states</caption>
 * <tr><th>state</th><th>reading</th><th>writing</th><th>next</th></tr>
 * <tr><td>OPEN</td><td>yes</td><td>yes</td><td>any below</td></tr>
 * <tr><td>OUTPUT SHUT DOWN (we half-closed: {@code writer().shutdownOutput()})</td><td>yes</td>
 *     <td>{@link IllegalStateException}; the peer reads end of stream after the buffered bytes</td>
 *     <td>CLOSING, CLOSED</td></tr>
 * <tr><td>PEER DONE (the peer half-closed: {@code reader().atEof()})</td><td>end of stream</td>
 *     <td>yes</td><td>CLOSING, CLOSED</td></tr>
 * <tr><td>FAILED (reset, broken pipe)</td><td colspan="2">the side that failed throws its
 *     {@link java.net.SocketException} at every call</td><td>CLOSING, CLOSED</td></tr>
 * <tr><td>CLOSING ({@code writer().close()})</td><td>yes, until CLOSED (for TLS, once our
 *     close_notify is out, the close reads and discards what the peer still sends)</td>
 *     <td>{@link IllegalStateException}; buffered bytes are being sent</td><td>CLOSED</td></tr>
 * <tr><td>CLOSED ({@code close()} returned, {@code abort()})</td><td>the bytes already buffered,
 *     then end of stream, as asyncio's reader after {@code close()} or {@code abort()}</td>
 *     <td>{@link IllegalStateException}</td><td>final</td></tr>
 * </table>
 * The socket's file descriptor is released on entry to CLOSED and not before: a connection
 * must be closed, whatever state it is in.
 *
 * <h2>Closing</h2>
 * {@link #close()} sends what is buffered, then closes. A TLS connection sends its close_notify
 * and then waits (reading and discarding) for the peer's close_notify or end of stream, at most
 * {@link NetOptions#withTlsCloseTimeout the TLS close timeout} (30 s), as asyncio does: closing
 * a socket that still holds unread bytes (a TLS 1.3 server's session tickets, say) makes the
 * system send a reset, which drops our last bytes in flight. If the bytes could not be
 * delivered (the peer reset or closed the connection, the write timeout passed, the TLS peer
 * did not confirm), and no earlier {@code write}, {@code drain} or {@code shutdownOutput} threw
 * that failure, {@code close()} throws it, wrapped in {@link java.io.UncheckedIOException}.
 *
 * <h2>Blocking and cancellation</h2>
 * {@link #close()} waits until the buffered bytes are sent. If the calling task is cancelled
 * (or its deadline passes) meanwhile, the connection is aborted and the
 * {@link dev.weft.core.CancelledException} propagates (Trio's rule for closing): the socket is
 * always released. {@link #abort()} never blocks. A read cancelled by a task's cancellation or
 * deadline leaves the connection open and its bytes buffered.
 *
 * <h2>Thread-safety</h2>
 * One task may read while others write; see {@link StreamReader} and {@link StreamWriter}.
 */
public sealed interface Connection extends AutoCloseable permits StreamConnection {

    /** The receiving half. */
    StreamReader reader();

    /** The sending half. */
    StreamWriter writer();

    /** Our address. */
    SocketAddress localAddress();

    /** The peer's address. */
    SocketAddress remoteAddress();

    /** The TLS session, for a TLS connection. */
    Optional<SSLSession> tlsSession();

    /** The name of the transport that carries this connection, e.g. {@code "nio"}. */
    String transportName();

    /**
     * Sends what is buffered, then closes (see Closing above); blocks until closed. If the caller
     * is cancelled while waiting, aborts and rethrows the {@link dev.weft.core.CancelledException}.
     * Idempotent.
     *
     * @throws java.io.UncheckedIOException if buffered bytes could not be delivered and no earlier
     *         call reported why; the connection is closed all the same
     */
    @Override
    void close();

    /** Closes at once, dropping buffered bytes. Never blocks. Idempotent. */
    void abort();

    /** True once the socket is closed. */
    boolean isClosed();
}

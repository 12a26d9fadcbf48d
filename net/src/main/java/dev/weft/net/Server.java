package dev.weft.net;

import java.net.SocketAddress;
import java.time.Duration;

/**
 * A listening socket and the tasks serving its connections (asyncio's {@code Server}). Made by
 * {@link Net#startServer}. Each connection runs its {@link ConnectionHandler} as a task of the
 * server's own {@link dev.weft.core.TaskScope} (a supervisor scope: one handler's failure is
 * logged and affects no other), which the task that started the server owns.
 *
 * <pre>{@code
 * Weft.run(() -> {
 *     try (Server server = Net.startServer(handler, "127.0.0.1", 8888)) {
 *         server.serveForever();          // until stopAccepting(), Ctrl+C or cancellation
 *     }                                   // close(): cancels open connections and waits
 * });
 * }</pre>
 *
 * <h2>States</h2>
 * <table>
 * <caption>Server states</caption>
 * <tr><th>state</th><th>meaning</th><th>next</th></tr>
 * <tr><td>ACCEPTING</td><td>new connections get a handler task</td>
 *     <td>DRAINING on {@code stopAccepting()}; CLOSED on {@code close()}</td></tr>
 * <tr><td>DRAINING</td><td>the listening socket is closed (a new connect is refused);
 *     handlers already running go on; {@code serveForever()} has returned</td>
 *     <td>CLOSED on {@code close()} or {@code closeGracefully}</td></tr>
 * <tr><td>CLOSED</td><td>no handler is running; every connection is closed</td><td>final</td></tr>
 * </table>
 *
 * <h2>Closing</h2>
 * {@link #close()} stops accepting, cancels the handlers still running (their connections are
 * aborted) and waits for them. {@link #closeGracefully(Duration)} first waits up to a grace
 * period for them to finish on their own. Both may be called only by the task that started the
 * server, because it owns the scope; try-with-resources does that. The server's scope nests like
 * any {@link dev.weft.core.TaskScope}: scopes the owner opened after starting the server must be
 * closed before it, and a scope opened before it (to hold client tasks, say) closes after it.
 * For a Unix domain server, closing removes the socket file. Every accepted socket is closed
 * once, including one accepted as the server closed, whose handler never started.
 *
 * <h2>Peers that stop reading</h2>
 * A handler whose peer never reads waits in {@code drain()}, or, once it has returned, its
 * connection's close waits to send what is buffered: the task, socket and buffer stay until the
 * server closes. Set {@link NetOptions#withWriteTimeout} on the server's options to drop such
 * connections: when sending stalls that long, {@code drain()} throws a
 * {@link java.net.SocketTimeoutException} that says so and the connection is closed.
 *
 * <h2>Accept failures</h2>
 * An accept that fails (the process is out of file descriptors, say) is retried after pauses
 * growing to 1 s, on every transport; an episode of such failures logs one warning, its retries
 * log at debug level, and a note says when accepting works again.
 *
 * <h2>Blocking and cancellation</h2>
 * {@link #serveForever()} blocks and is a cancellation point; {@code close} and
 * {@code closeGracefully} block until the handlers are done. Other calls never block.
 *
 * <h2>Thread-safety</h2>
 * {@link #stopAccepting()} and the queries may be called from any thread; {@code close},
 * {@code closeGracefully} and {@code serveForever} only from the owner task.
 */
public sealed interface Server extends AutoCloseable permits ServerImpl {

    /** The address the server listens on (with the chosen port, if 0 was asked for). */
    SocketAddress localAddress();

    /**
     * The TCP port.
     *
     * @throws IllegalStateException for a Unix domain server
     */
    int port();

    /** The name of the transport that carries the server's connections. */
    String transportName();

    /**
     * Blocks until the server stops accepting ({@link #stopAccepting()} from any task), then
     * returns. A cancellation point: Ctrl+C or a deadline ends it with
     * {@link dev.weft.core.CancelledException}.
     */
    void serveForever();

    /** Closes the listening socket; running handlers go on. Never blocks. Idempotent. */
    void stopAccepting();

    /** True until {@link #stopAccepting()} or close. */
    boolean isAccepting();

    /**
     * Connections accepted and not yet closed: while their handler runs, and after it returned,
     * while the close sends what it left buffered (bounded by
     * {@link NetOptions#withWriteTimeout} when set).
     */
    int activeConnections();

    /** Connections accepted since the server started. */
    long acceptedConnections();

    /**
     * Stops accepting, waits up to {@code grace} for the handlers to finish, then closes
     * ({@link #close()}).
     *
     * @return true if every handler finished within the grace period
     */
    boolean closeGracefully(Duration grace);

    /** Stops accepting, cancels the running handlers and waits for them. Idempotent. */
    @Override
    void close();
}

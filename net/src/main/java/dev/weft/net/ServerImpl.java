package dev.weft.net;

import dev.weft.core.CancelledException;
import dev.weft.core.DeadlineExceededException;
import dev.weft.core.Promise;
import dev.weft.core.Task;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import dev.weft.net.internal.tls.TlsByteStream;
import dev.weft.net.spi.ByteStream;
import dev.weft.net.spi.Listener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server: an accept task and one handler task per connection, all in one supervisor scope
 * owned by the task that started the server.
 *
 * <h2>Implementation notes</h2>
 * The accept task loops on {@link Listener#accept()} and spawns a handler task per connection.
 * {@link #stopAccepting()} closes the listener, which ends the accept task; {@code stopped}
 * completes when it has ended, releasing {@link #serveForever()}. Accept errors other than the
 * listener's closing (e.g. "too many open files") are logged and retried after a growing pause,
 * as asyncio does, so that the server survives them. Handlers never fail their task: their
 * exceptions are logged here, so the supervisor scope keeps no list of failed tasks.
 */
final class ServerImpl implements Server {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    /** State constants of the table on {@link Server}. */
    static final int ACCEPTING = 0;
    static final int DRAINING = 1;
    static final int CLOSED = 2;

    private final Listener listener;
    private final ConnectionHandler handler;
    private final NetOptions options;
    private final String transportName;
    private final SocketAddress local;
    private final Task<?> owner;
    private final TaskScope scope;
    private final Promise<Void> stopped;
    private final AtomicInteger state = new AtomicInteger(ACCEPTING);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();

    private ServerImpl(Listener listener, ConnectionHandler handler, NetOptions options, String transportName) {
        this.listener = listener;
        this.handler = handler;
        this.options = options;
        this.transportName = transportName;
        this.local = listener.localAddress();
        this.owner = Weft.currentTask();
        this.stopped = Promise.create();
        this.scope = TaskScope.openSupervisor();
    }

    static ServerImpl start(Listener listener, ConnectionHandler handler, NetOptions options, String transportName) {
        ServerImpl server = new ServerImpl(listener, handler, options, transportName);
        server.scope.spawn("accept on " + server.local, server::acceptLoop);
        return server;
    }

    private void acceptLoop() {
        long pauseMillis = 0;
        try {
            while (state.get() == ACCEPTING) {
                ByteStream stream;
                try {
                    stream = listener.accept();
                    pauseMillis = 0;
                } catch (IOException e) {
                    if (state.get() != ACCEPTING) {
                        break;
                    }
                    pauseMillis = Math.min(1000, Math.max(10, pauseMillis * 2));
                    LOG.warn("accepting a connection on {} failed ({}); retrying in {} ms{}", local, e.toString(),
                            pauseMillis, String.valueOf(e.getMessage()).contains("Too many open files")
                                    ? ": the process is out of file descriptors (raise ulimit -n, or limit clients)"
                                    : "");
                    Weft.sleep(pauseMillis);
                    continue;
                }
                accepted.incrementAndGet();
                active.incrementAndGet();
                try {
                    scope.spawn("connection from " + stream.remoteAddress(), () -> serve(stream));
                } catch (IllegalStateException closing) {
                    active.decrementAndGet();
                    stream.close();
                    break;
                }
            }
        } finally {
            stopAccepting();
            wake(stopped);
        }
    }

    private void serve(ByteStream raw) {
        StreamConnection connection = null;
        try {
            ByteStream stream = raw;
            SSLSession session = null;
            if (raw.remoteAddress() instanceof InetSocketAddress && options.noDelay()) {
                raw.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            if (options.tls() != null) {
                TlsByteStream tls = TlsByteStream.server(raw, options.tls());
                try {
                    Weft.failAfter(options.tlsHandshakeTimeout(), tls::handshake);
                } catch (DeadlineExceededException e) {
                    LOG.info("TLS handshake with {} took longer than {}; dropped the connection", raw.remoteAddress(),
                            options.tlsHandshakeTimeout());
                    return;
                } catch (SSLException e) {
                    LOG.info("{}", Failures.tlsHandshake(e, String.valueOf(raw.remoteAddress()), false).getMessage());
                    return;
                } catch (IOException e) {
                    LOG.info("TLS handshake with {} failed: {}", raw.remoteAddress(), e.getMessage());
                    return;
                }
                stream = tls;
                session = tls.session();
            }
            connection = new StreamConnection(stream, transportName, session, options);
            handler.handle(connection.reader(), connection.writer());
        } catch (CancelledException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("the handler of the connection from {} failed; the connection was closed and the server {} "
                    + "goes on", raw.remoteAddress(), local, e);
        } finally {
            active.decrementAndGet();
            if (connection != null) {
                connection.close();
            } else {
                raw.close();
            }
        }
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public int port() {
        if (local instanceof InetSocketAddress inet) {
            return inet.getPort();
        }
        throw new IllegalStateException("the server listens on Unix socket " + local + ", which has a path, not "
                + "a port: use localAddress()");
    }

    @Override
    public String transportName() {
        return transportName;
    }

    @Override
    public void serveForever() {
        stopped.join();
    }

    @Override
    public void stopAccepting() {
        if (state.compareAndSet(ACCEPTING, DRAINING)) {
            listener.close();
            if (local instanceof UnixDomainSocketAddress unix) {
                try {
                    Files.deleteIfExists(unix.getPath());
                } catch (IOException e) {
                    LOG.warn("could not remove the socket file {}: {}", unix.getPath(), e.toString());
                }
            }
        }
    }

    @Override
    public boolean isAccepting() {
        return state.get() == ACCEPTING;
    }

    @Override
    public int activeConnections() {
        return active.get();
    }

    @Override
    public long acceptedConnections() {
        return accepted.get();
    }

    @Override
    public boolean closeGracefully(Duration grace) {
        requireOwner("closeGracefully");
        if (closed.get()) {
            return true;
        }
        stopAccepting();
        boolean finished = Weft.moveOnAfter(grace, scope::join);
        close();
        return finished;
    }

    @Override
    public void close() {
        requireOwner("close");
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopAccepting();
        scope.cancel("the server on " + local + " was closed");
        try {
            Weft.shield(scope::join);
        } finally {
            scope.close();
            state.set(CLOSED);
        }
    }

    private void requireOwner(String call) {
        Task<?> me = Weft.currentTask();
        if (me != owner) {
            throw new IllegalStateException("Server." + call + "() may only be called by the task that started the "
                    + "server (" + owner.name() + "), which owns its TaskScope, not by " + me.name() + "; other "
                    + "tasks call stopAccepting(), which makes the owner's serveForever() return");
        }
    }

    private static void wake(Promise<Void> p) {
        if (!p.isDone()) {
            try {
                p.complete(null);
            } catch (IllegalStateException raced) {
                // completed concurrently
            }
        }
    }

    @Override
    public String toString() {
        return "Server[" + local + " over " + transportName + ", " + (isAccepting() ? "accepting" : "not accepting")
                + ", " + active.get() + " active]";
    }
}

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
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * as asyncio does, so that the server survives them; an episode of such failures is logged once
 * (a warning when it starts, a note when accepting works again). The accept task sleeps 1 ms when it
 * starts, so that the classes of that pause are loaded before descriptors can run out. Handlers
 * never fail their task:
 * their exceptions are logged here, so the supervisor scope keeps no list of failed tasks.
 * <p>A connection counts as active from its accept until its socket is closed: while its handler
 * runs, and after, while its close sends what the handler left buffered. A handler task can be
 * cancelled by {@link #close()} before it starts, and then runs no code at all: each accepted
 * socket waits in {@code unstarted} until its handler takes it, and {@code close()} closes those
 * left there once the scope has ended.
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
    /** Accepted sockets whose handler has not started yet; see {@link #closeUnstarted}. */
    private final Set<ByteStream> unstarted = ConcurrentHashMap.newKeySet();

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
        int failures = 0;
        long episodeStart = 0;
        try {
            // Take the pause path once now: with no descriptor left (the very failure it is for),
            // the JVM cannot open a class file, and a class first needed then would kill this task.
            Weft.sleep(Duration.ofMillis(1));
            while (state.get() == ACCEPTING) {
                ByteStream stream;
                try {
                    stream = listener.accept();
                } catch (IOException e) {
                    if (state.get() != ACCEPTING) {
                        break;
                    }
                    pauseMillis = Math.min(1000, Math.max(10, pauseMillis * 2));
                    if (failures++ == 0) {
                        episodeStart = System.nanoTime();
                        LOG.warn("accepting a connection on {} failed ({}); retrying with pauses up to 1 s{}", local,
                                e.toString(), String.valueOf(e.getMessage()).contains("Too many open files")
                                        ? ": the process is out of file descriptors (raise ulimit -n, or limit "
                                        + "clients)" : "");
                    } else {
                        LOG.debug("accepting a connection on {} failed again ({}); retrying in {} ms", local,
                                e.toString(), pauseMillis);
                    }
                    Weft.sleep(pauseMillis);
                    continue;
                }
                if (failures > 0) {
                    LOG.info("accepting on {} again, after {} failed attempts over {} ms", local, failures,
                            (System.nanoTime() - episodeStart) / 1_000_000);
                    failures = 0;
                    pauseMillis = 0;
                }
                accepted.incrementAndGet();
                active.incrementAndGet();
                unstarted.add(stream);
                try {
                    scope.spawn("connection from " + stream.remoteAddress(), () -> serve(stream));
                } catch (IllegalStateException closing) {
                    closeUnstarted(stream);
                    break;
                }
            }
        } finally {
            stopAccepting();
            StreamWriterImpl.wake(stopped);
        }
    }

    private void serve(ByteStream raw) {
        if (!unstarted.remove(raw)) {
            return; // the server's close claimed it first
        }
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
            try {
                if (connection != null) {
                    connection.close(); // sends what the handler left buffered: still an active connection
                } else {
                    raw.close();
                }
            } catch (UncheckedIOException e) {
                LOG.info("closing the connection from {}: {}", raw.remoteAddress(), e.getCause().getMessage());
            } finally {
                active.decrementAndGet();
            }
        }
    }

    /**
     * Closes an accepted socket whose handler task never started (the server closed first):
     * whoever takes it out of {@code unstarted}, the handler or this, closes it, so once.
     */
    private void closeUnstarted(ByteStream stream) {
        if (unstarted.remove(stream)) {
            active.decrementAndGet();
            stream.close();
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
            unstarted.forEach(this::closeUnstarted); // handler tasks cancelled before they started
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

    @Override
    public String toString() {
        return "Server[" + local + " over " + transportName + ", " + (isAccepting() ? "accepting" : "not accepting")
                + ", " + active.get() + " active]";
    }
}

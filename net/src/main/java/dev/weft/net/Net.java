package dev.weft.net;

import dev.weft.core.DeadlineExceededException;
import dev.weft.core.Loop;
import dev.weft.core.NoRunningLoopException;
import dev.weft.core.Weft;
import dev.weft.net.internal.tls.TlsByteStream;
import dev.weft.net.spi.ByteStream;
import dev.weft.net.spi.DatagramPort;
import dev.weft.net.spi.Listener;
import dev.weft.net.spi.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

/**
 * Weft's networking entry points: asyncio's {@code open_connection}, {@code start_server},
 * their Unix-socket twins and {@code create_datagram_endpoint}.
 *
 * <pre>{@code
 * Weft.run(() -> {
 *     try (Server server = Net.startServer((reader, writer) -> {
 *              writer.write(reader.readLine());            // echo one line
 *          }, "127.0.0.1", 8888);
 *          Connection conn = Net.openConnection("127.0.0.1", 8888)) {
 *         conn.writer().write("hi\n".getBytes(UTF_8));
 *         System.out.print(new String(conn.reader().readLine(), UTF_8));
 *     }
 * });
 * }</pre>
 *
 * <h2>Tasks</h2>
 * Every call here must run in a Weft task ({@link dev.weft.core.NoRunningLoopException}
 * otherwise): connections send their buffered bytes from tasks of the caller's loop, and a
 * server's handlers are tasks of a scope that the caller owns.
 *
 * <h2>Blocking and cancellation</h2>
 * {@code openConnection} blocks (name lookup, connect, TLS handshake) and is a cancellation
 * point; it has its own timeout ({@link NetOptions#withConnectTimeout}, 30 s by default) and
 * also honours the caller's deadlines. {@code startServer} and the datagram calls bind and
 * return at once, after looking up the host if it is a name rather than an address (the look-up
 * blocks and is a cancellation point).
 *
 * <h2>Exceptions</h2>
 * Each failure says what happened and what to do: {@link java.net.ConnectException} (refused),
 * {@link SocketTimeoutException} (connect timed out), {@link java.net.UnknownHostException},
 * {@link java.net.BindException} (address in use), {@link javax.net.ssl.SSLHandshakeException}
 * (untrusted certificate, name mismatch). Bad arguments throw
 * {@link IllegalArgumentException}.
 */
public final class Net {
    private Net() {}

    /** Connects to {@code host:port} over TCP with {@link NetOptions#defaults()}. */
    public static Connection openConnection(String host, int port) throws IOException {
        return openConnection(host, port, NetOptions.defaults());
    }

    /** Connects with a connect timeout of {@code timeout}. */
    public static Connection openConnection(String host, int port, Duration timeout) throws IOException {
        return openConnection(host, port, NetOptions.defaults().withConnectTimeout(timeout));
    }

    /**
     * Connects to {@code host:port} over TCP (and TLS, if the options say so). Every address the
     * name resolves to is tried in turn.
     */
    public static Connection openConnection(String host, int port, NetOptions options) throws IOException {
        Addresses.checkHost(host, "openConnection");
        Addresses.checkPort(port, false, "openConnection");
        Objects.requireNonNull(options, "openConnection: the options are null; pass NetOptions.defaults()");
        Transport transport = Transports.of(options);
        String target = host + ":" + port;
        List<InetAddress> addresses = Addresses.resolve(host);
        return connect(transport, target, options, () -> {
            IOException first = null;
            for (InetAddress address : addresses) {
                try {
                    return transport.connect(new InetSocketAddress(address, port));
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            throw Failures.connecting(first, addresses.size() == 1 ? target
                    : target + " (" + addresses.size() + " addresses tried)");
        }, host, port);
    }

    /** Connects to the Unix domain socket at {@code path}. */
    public static Connection openUnixConnection(Path path) throws IOException {
        return openUnixConnection(path, NetOptions.defaults());
    }

    /** Connects to the Unix domain socket at {@code path} with {@code options}. */
    public static Connection openUnixConnection(Path path, NetOptions options) throws IOException {
        Objects.requireNonNull(path, "openUnixConnection: the path is null; pass the socket file's path");
        Objects.requireNonNull(options, "openUnixConnection: the options are null; pass NetOptions.defaults()");
        Transport transport = Transports.of(options);
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
        return connect(transport, path.toString(), options, () -> {
            try {
                return transport.connect(address);
            } catch (IOException e) {
                throw Failures.connecting(e, path.toString());
            }
        }, "localhost", 0);
    }

    private interface Dial {
        ByteStream dial() throws IOException;
    }

    private static Connection connect(Transport transport, String target, NetOptions options, Dial dial,
                                      String host, int port) throws IOException {
        Duration timeout = options.connectTimeout();
        AtomicBoolean connected = new AtomicBoolean(); // the handshake, not the peer, timed out
        try {
            return Weft.failAfter(timeout, () -> {
                ByteStream raw = dial.dial();
                connected.set(true);
                try {
                    if (raw.remoteAddress() instanceof InetSocketAddress && options.noDelay()) {
                        raw.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    }
                    if (options.tls() == null) {
                        return new StreamConnection(raw, transport.name(), null, options);
                    }
                    String serverName = options.tlsServerName() != null ? options.tlsServerName() : host;
                    TlsByteStream tls = TlsByteStream.client(raw, options.tls(), serverName, port,
                            options.verifiesHostname());
                    try {
                        tls.handshake();
                    } catch (SSLException e) {
                        throw Failures.tlsHandshake(e, target, true);
                    }
                    return new StreamConnection(tls, transport.name(), tls.session(), options);
                } catch (Throwable t) {
                    raw.close();
                    throw t;
                }
            });
        } catch (DeadlineExceededException e) {
            SocketTimeoutException timedOut = new SocketTimeoutException(connected.get() && options.tls() != null
                    ? "connected to " + target + ", but the TLS handshake did not finish within the connect timeout of "
                    + timeout.toMillis() + " ms: check that the server speaks TLS on this port (a plain-text server "
                    + "waits for data and never answers a TLS hello), or raise the timeout with "
                    + "NetOptions.withConnectTimeout"
                    : "connecting to " + target + " timed out "
                    + "after " + timeout.toMillis() + " ms" + (options.tls() != null ? " (TLS handshake included)" : "")
                    + ": the peer did not answer. Check that it is up and reachable, or raise the timeout with "
                    + "NetOptions.withConnectTimeout");
            timedOut.initCause(e);
            throw timedOut;
        }
    }

    /**
     * Listens on {@code host:port} ({@code host} null for every interface; port 0 for a free one)
     * and serves each connection with {@code handler}, as a task of the returned server's scope.
     * Close the server in the same task (try-with-resources).
     */
    public static Server startServer(ConnectionHandler handler, String host, int port) throws IOException {
        return startServer(handler, host, port, NetOptions.defaults());
    }

    /** {@link #startServer(ConnectionHandler, String, int)} with {@code options}. */
    public static Server startServer(ConnectionHandler handler, String host, int port, NetOptions options)
            throws IOException {
        Objects.requireNonNull(handler, "startServer: the handler is null; pass (reader, writer) -> { ... }");
        Addresses.checkPort(port, true, "startServer");
        Objects.requireNonNull(options, "startServer: the options are null; pass NetOptions.defaults()");
        InetSocketAddress local = host == null ? new InetSocketAddress(port)
                : new InetSocketAddress(Addresses.resolve(host).get(0), port);
        return listen(handler, local, options);
    }

    /**
     * Listens on a Unix domain socket at {@code path} (the file must not exist; the server
     * removes it when it closes) and serves each connection with {@code handler}.
     */
    public static Server startUnixServer(ConnectionHandler handler, Path path) throws IOException {
        return startUnixServer(handler, path, NetOptions.defaults());
    }

    /** {@link #startUnixServer(ConnectionHandler, Path)} with {@code options}. */
    public static Server startUnixServer(ConnectionHandler handler, Path path, NetOptions options) throws IOException {
        Objects.requireNonNull(handler, "startUnixServer: the handler is null; pass (reader, writer) -> { ... }");
        Objects.requireNonNull(path, "startUnixServer: the path is null; pass where to create the socket file");
        Objects.requireNonNull(options, "startUnixServer: the options are null; pass NetOptions.defaults()");
        return listen(handler, UnixDomainSocketAddress.of(path), options);
    }

    private static Server listen(ConnectionHandler handler, SocketAddress local, NetOptions options)
            throws IOException {
        Transport transport = Transports.of(options);
        Listener listener;
        try {
            listener = transport.listen(local, options.backlog());
        } catch (IOException e) {
            throw Failures.listening(e, local);
        }
        try {
            return ServerImpl.start(listener, handler, options, transport.name());
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /** A UDP endpoint bound to {@code host:port} (port 0 for any), not connected. */
    public static DatagramEndpoint openDatagramEndpoint(String host, int port) throws IOException {
        Addresses.checkHost(host, "openDatagramEndpoint");
        Addresses.checkPort(port, true, "openDatagramEndpoint");
        return openDatagramEndpoint(new InetSocketAddress(Addresses.resolve(host).get(0), port), null,
                NetOptions.defaults());
    }

    /** A UDP endpoint connected to {@code host:port}, bound to a free local port. */
    public static DatagramEndpoint connectDatagramEndpoint(String host, int port) throws IOException {
        Addresses.checkHost(host, "connectDatagramEndpoint");
        Addresses.checkPort(port, false, "connectDatagramEndpoint");
        InetAddress remote = Addresses.resolve(host).get(0);
        return openDatagramEndpoint(null, new InetSocketAddress(remote, port), NetOptions.defaults());
    }

    /**
     * A UDP endpoint bound to {@code local} (null for any) and connected to {@code remote} (null
     * for none); both resolved.
     */
    public static DatagramEndpoint openDatagramEndpoint(InetSocketAddress local, InetSocketAddress remote,
                                                        NetOptions options) throws IOException {
        Objects.requireNonNull(options, "openDatagramEndpoint: the options are null; pass NetOptions.defaults()");
        if (local != null && local.isUnresolved() || remote != null && remote.isUnresolved()) {
            throw new IllegalArgumentException("openDatagramEndpoint: the address " + (local != null
                    && local.isUnresolved() ? local : remote) + " is unresolved; pass a resolved address, or use "
                    + "openDatagramEndpoint(host, port)");
        }
        Transport transport = Transports.of(options);
        DatagramPort port;
        try {
            port = transport.openDatagram(local, remote);
        } catch (IOException e) {
            throw Failures.listening(e, local);
        }
        return new DatagramEndpointImpl(port);
    }

    /**
     * Two connections joined in memory, like Python's {@code socket.socketpair()}: what one
     * writes, the other reads. For testing protocol code without sockets (no port, no file
     * descriptor, no real IO, so a {@code TestLoop}'s virtual clock stays meaningful). Each end
     * behaves as a connection of a real transport: reads block until bytes arrive, each
     * direction buffers 64 KiB and then writes block, {@code shutdownOutput()} gives the peer end
     * of stream, closing one end gives the peer end of stream and makes its writes fail as a
     * broken pipe. Their transport name is {@code "memory"}; they have no socket options.
     *
     * <pre>{@code
     * try (Pipe pipe = Net.pipe(); TaskScope scope = TaskScope.open()) {
     *     scope.spawn(() -> myProtocolServer(pipe.right()));
     *     pipe.left().writer().write("PING\n".getBytes(UTF_8));
     *     assertArrayEquals("PONG\n".getBytes(UTF_8), pipe.left().reader().readLine());
     *     scope.join();
     * }
     * }</pre>
     *
     * @throws NoRunningLoopException if not called from a task (a connection belongs to a loop)
     */
    public static Pipe pipe() {
        Loop.current();
        MemoryByteStream[] ends = MemoryByteStream.pair();
        NetOptions options = NetOptions.defaults();
        return new Pipe(new StreamConnection(ends[0], "memory", null, options),
                new StreamConnection(ends[1], "memory", null, options));
    }

    /** The names of the transports found, the default first. */
    public static List<String> transportNames() {
        List<String> names = new ArrayList<>(Transports.providers().keySet());
        String preferred = Transports.defaultName();
        names.remove(preferred);
        names.add(0, preferred);
        return List.copyOf(names);
    }

    /**
     * Weft's shared instance of the transport named {@code name}, e.g. to pass to
     * {@link NetOptions#withTransport(Transport)}. Do not close it.
     *
     * @throws IllegalArgumentException if no transport has that name
     */
    public static Transport transport(String name) {
        Objects.requireNonNull(name, "transport: the name is null");
        return Transports.shared(name);
    }
}

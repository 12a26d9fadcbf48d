package dev.weft.net;

import dev.weft.net.spi.Transport;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How {@link Net} opens connections and servers: transport, timeouts, buffer limits, TLS.
 * Immutable; each {@code with} method returns a new instance.
 *
 * <pre>{@code
 * NetOptions options = NetOptions.defaults()
 *         .withTransport("blocking")
 *         .withConnectTimeout(Duration.ofSeconds(5))
 *         .withTls(sslContext);
 * Connection conn = Net.openConnection("example.internal", 443, options);
 * }</pre>
 *
 * <table>
 * <caption>Options and defaults</caption>
 * <tr><th>option</th><th>default</th></tr>
 * <tr><td>transport</td><td>the system property {@value #TRANSPORT_PROPERTY}, else {@code nio}</td></tr>
 * <tr><td>connect timeout (connect, plus the TLS handshake for clients)</td><td>30 s</td></tr>
 * <tr><td>read limit ({@code readLine}, {@code readUntil})</td><td>64 KiB</td></tr>
 * <tr><td>write water marks</td><td>high 64 KiB, low 16 KiB</td></tr>
 * <tr><td>TLS</td><td>off; hostname verification on when TLS is on</td></tr>
 * <tr><td>TLS handshake timeout (servers)</td><td>60 s</td></tr>
 * <tr><td>listen backlog</td><td>128</td></tr>
 * <tr><td>{@code TCP_NODELAY}</td><td>on</td></tr>
 * <tr><td>write timeout (sending makes no progress)</td><td>none</td></tr>
 * <tr><td>TLS close timeout (waiting for the peer's close_notify)</td><td>30 s</td></tr>
 * </table>
 */
public final class NetOptions {
    /** The system property that names the default transport: {@code nio} or {@code blocking}. */
    public static final String TRANSPORT_PROPERTY = "weft.transport";
    /** The default of {@link #readLimit()}: 64 KiB, as asyncio. */
    public static final int DEFAULT_READ_LIMIT = 64 * 1024;
    /** The default high-water mark: 64 KiB, as asyncio. */
    public static final int DEFAULT_HIGH_WATER = 64 * 1024;
    /** The default low-water mark: 16 KiB, as asyncio. */
    public static final int DEFAULT_LOW_WATER = 16 * 1024;
    /** The default of {@link #tlsCloseTimeout()}: 30 s, as asyncio's {@code ssl_shutdown_timeout}. */
    public static final Duration DEFAULT_TLS_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final NetOptions DEFAULTS = new NetOptions(null, null, Duration.ofSeconds(30), DEFAULT_READ_LIMIT,
            DEFAULT_HIGH_WATER, DEFAULT_LOW_WATER, null, null, true, Duration.ofSeconds(60), 128, true, null,
            DEFAULT_TLS_CLOSE_TIMEOUT);

    private final String transportName;
    private final Transport transport;
    private final Duration connectTimeout;
    private final int readLimit;
    private final int highWater;
    private final int lowWater;
    private final SSLContext tls;
    private final String tlsServerName;
    private final boolean verifyHostname;
    private final Duration tlsHandshakeTimeout;
    private final int backlog;
    private final boolean noDelay;
    private final Duration writeTimeout;
    private final Duration tlsCloseTimeout;

    private NetOptions(String transportName, Transport transport, Duration connectTimeout, int readLimit,
                       int highWater, int lowWater, SSLContext tls, String tlsServerName, boolean verifyHostname,
                       Duration tlsHandshakeTimeout, int backlog, boolean noDelay, Duration writeTimeout,
                       Duration tlsCloseTimeout) {
        this.transportName = transportName;
        this.transport = transport;
        this.connectTimeout = connectTimeout;
        this.readLimit = readLimit;
        this.highWater = highWater;
        this.lowWater = lowWater;
        this.tls = tls;
        this.tlsServerName = tlsServerName;
        this.verifyHostname = verifyHostname;
        this.tlsHandshakeTimeout = tlsHandshakeTimeout;
        this.backlog = backlog;
        this.noDelay = noDelay;
        this.writeTimeout = writeTimeout;
        this.tlsCloseTimeout = tlsCloseTimeout;
    }

    /** The defaults in the table above. */
    public static NetOptions defaults() {
        return DEFAULTS;
    }

    private NetOptions copy(String transportName, Transport transport, Duration connectTimeout, int readLimit,
                            int highWater, int lowWater, SSLContext tls, String tlsServerName, boolean verifyHostname,
                            Duration tlsHandshakeTimeout, int backlog, boolean noDelay, Duration writeTimeout,
                       Duration tlsCloseTimeout) {
        return new NetOptions(transportName, transport, connectTimeout, readLimit, highWater, lowWater, tls,
                tlsServerName, verifyHostname, tlsHandshakeTimeout, backlog, noDelay, writeTimeout, tlsCloseTimeout);
    }

    /**
     * Uses the transport registered under {@code name} ({@code "nio"}, {@code "blocking"}, or a
     * third party's), through Weft's shared instance of it.
     *
     * @throws IllegalArgumentException if no transport has that name; the message lists those that do
     */
    public NetOptions withTransport(String name) {
        Objects.requireNonNull(name, "withTransport: the transport name is null; pass e.g. \"nio\" or \"blocking\"");
        Transports.provider(name); // fails now, naming the choices, rather than at the first connect
        return copy(name, null, connectTimeout, readLimit, highWater, lowWater, tls, tlsServerName, verifyHostname,
                tlsHandshakeTimeout, backlog, noDelay, writeTimeout, tlsCloseTimeout);
    }

    /** Uses {@code transport}, an instance the caller opened (and will close). */
    public NetOptions withTransport(Transport transport) {
        Objects.requireNonNull(transport, "withTransport: the transport is null");
        return copy(null, transport, connectTimeout, readLimit, highWater, lowWater, tls, tlsServerName,
                verifyHostname, tlsHandshakeTimeout, backlog, noDelay, writeTimeout, tlsCloseTimeout);
    }

    /**
     * How long connecting may take (name resolution aside), TLS handshake included; then the
     * connect fails with {@link java.net.SocketTimeoutException}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public NetOptions withConnectTimeout(Duration timeout) {
        return copy(transportName, transport, positive(timeout, "withConnectTimeout"), readLimit, highWater, lowWater,
                tls, tlsServerName, verifyHostname, tlsHandshakeTimeout, backlog, noDelay, writeTimeout, tlsCloseTimeout);
    }

    /**
     * The most bytes {@code readLine} and {@code readUntil} accept before a separator.
     *
     * @throws IllegalArgumentException if not positive
     */
    public NetOptions withReadLimit(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("withReadLimit(" + bytes + "): the limit must be positive; it is the "
                    + "longest line (in bytes) readLine accepts, 65536 by default");
        }
        return copy(transportName, transport, connectTimeout, bytes, highWater, lowWater, tls, tlsServerName,
                verifyHostname, tlsHandshakeTimeout, backlog, noDelay, writeTimeout, tlsCloseTimeout);
    }

    /**
     * The writer's water marks: {@code drain()} waits once more than {@code high} bytes are
     * buffered, until they fall to {@code low}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= low <= high}
     */
    public NetOptions withWaterMarks(int high, int low) {
        checkWaterMarks(high, low);
        return copy(transportName, transport, connectTimeout, readLimit, high, low, tls, tlsServerName,
                verifyHostname, tlsHandshakeTimeout, backlog, noDelay, writeTimeout, tlsCloseTimeout);
    }

    static void checkWaterMarks(int high, int low) {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("water marks high=" + high + ", low=" + low + " are invalid: they "
                    + "need 0 <= low <= high (bytes); asyncio's defaults are high=65536, low=16384");
        }
    }

    /**
     * Speaks TLS with {@code context}: for clients, its trust managers check the server; for
     * servers, its key managers hold the server's key and certificate.
     */
    public NetOptions withTls(SSLContext context) {
        Objects.requireNonNull(context, "withTls: the SSLContext is null; build one with SSLContext.getInstance(\"TLS\")"
                + " and init it with your key or trust managers");
        return copy(transportName, transport, connectTimeout, readLimit, highWater, lowWater, context, tlsServerName,
                verifyHostname, tlsHandshakeTimeout, backlog, noDelay, writeTimeout, tlsCloseTimeout);
    }

    /**
     * The name the server's certificate must match (and the SNI name), when it is not the host
     * passed to {@code openConnection}, e.g. when connecting to an IP address.
     */
    public NetOptions withTlsServerName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("withTlsServerName: the name is " + (name == null ? "null" : "blank")
                    + "; pass the host name in the server's certificate");
        }
        return copy(transportName, transport, connectTimeout, readLimit, highWater, lowWater, tls, name,
                verifyHostname, tlsHandshakeTimeout, backlog, noDelay, writeTimeout, tlsCloseTimeout);
    }

    /**
     * Turns hostname verification off: any trusted certificate is accepted, whatever name it
     * carries. This lets a man in the middle with any trusted certificate read the connection;
     * use it only for tests or pinned, private trust stores.
     */
    public NetOptions withoutHostnameVerification() {
        return copy(transportName, transport, connectTimeout, readLimit, highWater, lowWater, tls, tlsServerName,
                false, tlsHandshakeTimeout, backlog, noDelay, writeTimeout, tlsCloseTimeout);
    }

    /** How long a server waits for a client's TLS handshake before dropping it. */
    public NetOptions withTlsHandshakeTimeout(Duration timeout) {
        return copy(transportName, transport, connectTimeout, readLimit, highWater, lowWater, tls, tlsServerName,
                verifyHostname, positive(timeout, "withTlsHandshakeTimeout"), backlog, noDelay, writeTimeout, tlsCloseTimeout);
    }

    /**
     * A server's listen backlog: connections the system queues before the server accepts them.
     *
     * @throws IllegalArgumentException if not positive
     */
    public NetOptions withBacklog(int backlog) {
        if (backlog <= 0) {
            throw new IllegalArgumentException("withBacklog(" + backlog + "): the backlog must be positive (the "
                    + "system caps it at net.core.somaxconn)");
        }
        return copy(transportName, transport, connectTimeout, readLimit, highWater, lowWater, tls, tlsServerName,
                verifyHostname, tlsHandshakeTimeout, backlog, noDelay, writeTimeout, tlsCloseTimeout);
    }

    /** Sets {@code TCP_NODELAY} on TCP connections (on by default: no Nagle delay on small writes). */
    public NetOptions withNoDelay(boolean on) {
        return copy(transportName, transport, connectTimeout, readLimit, highWater, lowWater, tls, tlsServerName,
                verifyHostname, tlsHandshakeTimeout, backlog, on, writeTimeout, tlsCloseTimeout);
    }

    /**
     * Bounds how long sending may stall: when the socket takes nothing of a connection's buffered
     * bytes for {@code timeout} (the peer is not reading), sending fails with a
     * {@link java.net.SocketException} that says so, the buffered bytes are dropped and the
     * connection is closed. {@code write}, {@code drain} and {@code close} then report that
     * failure. Off by default (a writer waits for its peer as long as it takes, as in asyncio);
     * a server whose clients may stop reading should set it, or a handler whose peer never reads
     * keeps its task, socket and buffer until the server closes.
     *
     * @throws IllegalArgumentException if not positive
     */
    public NetOptions withWriteTimeout(Duration timeout) {
        return copy(transportName, transport, connectTimeout, readLimit, highWater, lowWater, tls, tlsServerName,
                verifyHostname, tlsHandshakeTimeout, backlog, noDelay, positive(timeout, "withWriteTimeout"),
                tlsCloseTimeout);
    }

    /**
     * How long closing a TLS connection waits for the peer to confirm it (its close_notify, or the
     * end of its stream) after ours was sent; 30 s by default, as asyncio's
     * {@code ssl_shutdown_timeout}. Closing reads and discards what the peer still sends
     * meanwhile, so that its unread records cannot make the system reset the connection, which
     * would drop our last bytes. If the peer does not confirm in time, {@code close()} throws.
     *
     * @throws IllegalArgumentException if not positive
     */
    public NetOptions withTlsCloseTimeout(Duration timeout) {
        return copy(transportName, transport, connectTimeout, readLimit, highWater, lowWater, tls, tlsServerName,
                verifyHostname, tlsHandshakeTimeout, backlog, noDelay, writeTimeout,
                positive(timeout, "withTlsCloseTimeout"));
    }

    private static Duration positive(Duration d, String call) {
        Objects.requireNonNull(d, call + ": the duration is null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(call + "(" + d + "): the timeout must be positive");
        }
        return d;
    }

    /** The transport name chosen, or null for the default. */
    public String transportName() {
        return transportName;
    }

    /** The transport instance chosen, or null. */
    public Transport transport() {
        return transport;
    }

    /** The connect timeout. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The read limit, in bytes. */
    public int readLimit() {
        return readLimit;
    }

    /** The high-water mark, in bytes. */
    public int highWaterMark() {
        return highWater;
    }

    /** The low-water mark, in bytes. */
    public int lowWaterMark() {
        return lowWater;
    }

    /** The TLS context, or null for plain connections. */
    public SSLContext tls() {
        return tls;
    }

    /** The TLS server name, or null to use the host. */
    public String tlsServerName() {
        return tlsServerName;
    }

    /** Whether a TLS client checks that the certificate names the host. */
    public boolean verifiesHostname() {
        return verifyHostname;
    }

    /** The server-side TLS handshake timeout. */
    public Duration tlsHandshakeTimeout() {
        return tlsHandshakeTimeout;
    }

    /** The listen backlog. */
    public int backlog() {
        return backlog;
    }

    /** Whether TCP connections set {@code TCP_NODELAY}. */
    public boolean noDelay() {
        return noDelay;
    }

    /** The write timeout, or null if sending may stall without bound (the default). */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** How long closing a TLS connection waits for the peer's confirmation. */
    public Duration tlsCloseTimeout() {
        return tlsCloseTimeout;
    }

    @Override
    public String toString() {
        return "NetOptions[transport=" + (transport != null ? transport.name() : transportName != null ? transportName
                : "default") + ", connectTimeout=" + connectTimeout + ", readLimit=" + readLimit + ", waterMarks="
                + highWater + "/" + lowWater + ", tls=" + (tls != null) + (tls != null && !verifyHostname
                ? " (no hostname verification)" : "") + ", backlog=" + backlog + ", noDelay=" + noDelay
                + (writeTimeout != null ? ", writeTimeout=" + writeTimeout : "") + "]";
    }
}

package dev.weft.net.internal.tls;

import dev.weft.net.spi.ByteStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * TLS over any transport's {@link ByteStream}, through an {@link SSLEngine}. Built on the SPI
 * only, so it works the same over every transport.
 *
 * <h2>Implementation notes</h2>
 * <p>Buffers: {@code netIn} holds records read from the socket and not yet unwrapped (write
 * mode); {@code appIn} holds plaintext not yet returned (write mode); {@code netOut} holds one
 * wrapped record on its way out. The read side ({@code netIn}, {@code appIn}, unwrap) is guarded
 * by {@code readLock}, the write side ({@code netOut}, wrap, socket writes) by
 * {@code writeLock}; the engine allows one wrap and one unwrap at a time.
 * <p>Cancellation: the only blocking calls are the socket's read and write. A cancelled read
 * leaves {@code netIn} as it was, so nothing is lost. A write cancelled in the middle of a record
 * would leave a partial record on the wire, after which the peer cannot decode anything more:
 * {@code brokenOutput} then refuses further writes. (Weft's streams write from a flusher task
 * that is cancelled only when the connection is aborted, so this does not happen in practice.)
 * <p>A peer that closes the socket without a close_notify alert reads as end of stream, as in
 * asyncio.
 */
public final class TlsByteStream implements ByteStream {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final ByteStream raw;
    private final SSLEngine engine;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private ByteBuffer netIn;   // guarded by readLock
    private ByteBuffer appIn;   // guarded by readLock
    private boolean inboundDone; // guarded by readLock
    private ByteBuffer netOut;  // guarded by writeLock
    private boolean brokenOutput; // guarded by writeLock

    private TlsByteStream(ByteStream raw, SSLEngine engine) {
        this.raw = raw;
        this.engine = engine;
        SSLSession session = engine.getSession();
        this.netIn = ByteBuffer.allocate(session.getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(session.getPacketBufferSize());
    }

    /**
     * The client side. {@code peerHost} is the name the server's certificate must match when
     * {@code verifyHostname} (the default) is on, and the SNI name when it is a host name.
     */
    public static TlsByteStream client(ByteStream raw, SSLContext context, String peerHost, int peerPort,
                                       boolean verifyHostname) {
        SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        if (verifyHostname) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        engine.setSSLParameters(params);
        return new TlsByteStream(raw, engine);
    }

    /** The server side; {@code context} must hold the server's key and certificate. */
    public static TlsByteStream server(ByteStream raw, SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        return new TlsByteStream(raw, engine);
    }

    /** The session, once the handshake is done. */
    public SSLSession session() {
        return engine.getSession();
    }

    /** Runs the handshake to the end. Blocks; a cancellation point. */
    public void handshake() throws IOException {
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> {
                    writeLock.lock();
                    try {
                        wrapAndSend(EMPTY);
                    } finally {
                        writeLock.unlock();
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    readLock.lock();
                    try {
                        if (!unwrapOnce(true)) {
                            throw new EOFException("the peer closed the connection during the TLS handshake");
                        }
                    } finally {
                        readLock.unlock();
                    }
                }
                case NEED_TASK -> runTasks();
                case FINISHED, NOT_HANDSHAKING -> {
                    return;
                }
            }
        }
    }

    private void runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }

    /**
     * One unwrap step, reading from the socket when the engine needs more. Returns false at end
     * of stream. Caller holds readLock.
     */
    private boolean unwrapOnce(boolean handshaking) throws IOException {
        netIn.flip();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        switch (result.getStatus()) {
            case OK -> {
                afterOperation(result);
                return true;
            }
            case BUFFER_UNDERFLOW -> {
                int packet = engine.getSession().getPacketBufferSize();
                if (netIn.capacity() < packet) {
                    netIn = grow(netIn, packet);
                } else if (!netIn.hasRemaining()) {
                    netIn = grow(netIn, netIn.capacity() * 2);
                }
                int n = raw.read(netIn);
                if (n < 0) {
                    try {
                        engine.closeInbound();
                    } catch (SSLException truncated) {
                        if (handshaking) {
                            throw new EOFException("the peer closed the connection during the TLS handshake");
                        }
                        // no close_notify: treated as end of stream, as asyncio does
                    }
                    inboundDone = true;
                    return false;
                }
                return true;
            }
            case BUFFER_OVERFLOW -> {
                appIn = grow(appIn, engine.getSession().getApplicationBufferSize() + appIn.position());
                return true;
            }
            case CLOSED -> {
                inboundDone = true;
                if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP && !handshaking) {
                    replyToClose();
                }
                return false;
            }
            default -> throw new IllegalStateException("unknown SSLEngine status " + result.getStatus());
        }
    }

    /** Handles what the engine asks after an unwrap that consumed a post-handshake message. */
    private void afterOperation(SSLEngineResult result) throws IOException {
        SSLEngineResult.HandshakeStatus hs = result.getHandshakeStatus();
        if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            runTasks();
            hs = engine.getHandshakeStatus();
        }
        if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            writeLock.lock();
            try {
                while (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    wrapAndSend(EMPTY);
                }
            } finally {
                writeLock.unlock();
            }
        }
    }

    private void replyToClose() {
        writeLock.lock();
        try {
            wrapAndSend(EMPTY);
        } catch (IOException e) {
            // the peer is closing anyway
        } finally {
            writeLock.unlock();
        }
    }

    /** Wraps from {@code src} (everything, or one handshake message if empty) and sends. Caller holds writeLock. */
    private void wrapAndSend(ByteBuffer src) throws IOException {
        if (brokenOutput) {
            throw new SocketException("TLS output is unusable: an earlier write was cancelled in the middle of a "
                    + "record; close this connection and open a new one");
        }
        do {
            netOut.clear();
            SSLEngineResult result = engine.wrap(src, netOut);
            switch (result.getStatus()) {
                case OK, CLOSED -> {
                    netOut.flip();
                    if (netOut.hasRemaining()) {
                        boolean sent = false;
                        try {
                            raw.write(netOut);
                            sent = true;
                        } finally {
                            if (!sent && netOut.position() > 0) {
                                brokenOutput = true;
                            }
                        }
                    }
                    if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        if (src.hasRemaining()) {
                            throw new SocketException("TLS output is closed (shutdownOutput or close was called, "
                                    + "or the peer closed the session)");
                        }
                        return;
                    }
                }
                case BUFFER_OVERFLOW -> netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                default -> throw new IllegalStateException("unexpected wrap status " + result.getStatus());
            }
        } while (src.hasRemaining());
    }

    private static ByteBuffer grow(ByteBuffer buffer, int capacity) {
        if (capacity <= buffer.capacity()) {
            return buffer;
        }
        ByteBuffer bigger = ByteBuffer.allocate(capacity);
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        readLock.lock();
        try {
            while (true) {
                if (appIn.position() > 0) {
                    appIn.flip();
                    int n = Math.min(appIn.remaining(), dst.remaining());
                    dst.put(dst.position(), appIn, appIn.position(), n).position(dst.position() + n);
                    appIn.position(appIn.position() + n);
                    appIn.compact();
                    return n;
                }
                if (inboundDone) {
                    return -1;
                }
                unwrapOnce(false);
            }
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        writeLock.lock();
        try {
            wrapAndSend(src);
        } finally {
            writeLock.unlock();
        }
    }

    /** Always 0: a record cannot be half sent without blocking. */
    @Override
    public int tryWrite(ByteBuffer src) {
        return 0;
    }

    /** Sends close_notify and shuts down the socket's output. */
    @Override
    public void shutdownOutput() throws IOException {
        writeLock.lock();
        try {
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                wrapAndSend(EMPTY);
            }
        } finally {
            writeLock.unlock();
        }
        raw.shutdownOutput();
    }

    @Override
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        raw.setOption(option, value);
    }

    @Override
    public <T> T getOption(SocketOption<T> option) throws IOException {
        return raw.getOption(option);
    }

    @Override
    public SocketAddress localAddress() {
        return raw.localAddress();
    }

    @Override
    public SocketAddress remoteAddress() {
        return raw.remoteAddress();
    }

    @Override
    public boolean isOpen() {
        return raw.isOpen();
    }

    @Override
    public void close() {
        raw.close();
    }

    @Override
    public String toString() {
        return "TLS over " + raw;
    }
}

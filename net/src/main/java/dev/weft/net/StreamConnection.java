package dev.weft.net;

import dev.weft.core.CancelledException;
import dev.weft.core.Loop;
import dev.weft.net.spi.ByteStream;
import java.net.SocketAddress;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A stream socket with its reader and writer. The close sequence lives in the writer. */
final class StreamConnection implements Connection {
    private final ByteStream stream;
    private final String transportName;
    private final SSLSession tls;
    private final StreamReaderImpl reader;
    private final StreamWriterImpl writer;

    /** Must be called from a task: the connection's flusher tasks run on that task's loop. */
    StreamConnection(ByteStream stream, String transportName, SSLSession tls, NetOptions options) {
        this.stream = stream;
        this.transportName = transportName;
        this.tls = tls;
        this.reader = new StreamReaderImpl(stream, this, options.readLimit());
        this.writer = new StreamWriterImpl(stream, this, Loop.current(), options, tls != null);
    }

    @Override
    public StreamReader reader() {
        return reader;
    }

    @Override
    public StreamWriter writer() {
        return writer;
    }

    @Override
    public SocketAddress localAddress() {
        return stream.localAddress();
    }

    @Override
    public SocketAddress remoteAddress() {
        return stream.remoteAddress();
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return Optional.ofNullable(tls);
    }

    @Override
    public String transportName() {
        return transportName;
    }

    @Override
    public void close() {
        writer.close();
        if (writer.isClosed()) {
            writer.throwUnreportedFailure(); // without waiting: no cancellation point here
            return;
        }
        try {
            writer.waitClosed();
        } catch (CancelledException e) {
            writer.abort();
            throw e;
        }
    }

    @Override
    public void abort() {
        writer.abort();
    }

    @Override
    public boolean isClosed() {
        return writer.isClosed();
    }

    /** The reader, as its implementation (the close sequence reads through it). */
    StreamReaderImpl readerImpl() {
        return reader;
    }

    /** The transport's stream under the reader and writer (for tests and diagnostics). */
    ByteStream stream() {
        return stream;
    }

    /** True once this side started closing: reads failing now are not the peer's doing. */
    boolean isClosingHere() {
        return writer.isClosing();
    }

    @Override
    public String toString() {
        return "Connection[" + localAddress() + " -> " + remoteAddress() + " over " + transportName
                + (tls != null ? ", TLS " + tls.getProtocol() : "") + (isClosed() ? ", closed" : "") + "]";
    }
}

package dev.weft.net.spi;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;

/**
 * One connected stream socket (TCP or Unix domain) of a transport: raw bytes in and out, without
 * buffering. Weft's {@code StreamReader} and {@code StreamWriter} are built on it.
 *
 * <h2>Blocking and cancellation</h2>
 * {@link #read} and {@link #write} block and are cancellation points. A cancelled read reads
 * nothing: bytes that arrive meanwhile go to the next read. A cancelled write leaves
 * {@code src}'s position past every byte the transport committed to send. Neither closes the
 * socket.
 *
 * <h2>Thread-safety</h2>
 * One task may read while another writes. Two concurrent reads, or two concurrent writes, are
 * a caller error. {@link #close()} may be called from any thread at any time.
 */
public interface ByteStream extends AutoCloseable {

    /**
     * Reads at least one byte into {@code dst} (which has room), blocking until some arrive.
     *
     * @return the number of bytes read, or -1 at end of stream (the peer shut down its output)
     * @throws IOException if the socket failed or was closed on this side
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Writes every remaining byte of {@code src}, blocking while the socket's send buffer is full.
     * Returns once all of them are with the operating system.
     */
    void write(ByteBuffer src) throws IOException;

    /**
     * Writes what the socket takes without blocking; never blocks. A transport that cannot write
     * without blocking returns 0.
     *
     * @return the number of bytes written, possibly 0
     */
    int tryWrite(ByteBuffer src) throws IOException;

    /**
     * Shuts down the output side (half-close): the peer reads end of stream; reading goes on.
     * Call it after the last write returned. May block briefly (a TLS stream sends its
     * close_notify record).
     */
    void shutdownOutput() throws IOException;

    /** Sets a socket option, e.g. {@code StandardSocketOptions.TCP_NODELAY}. */
    <T> void setOption(SocketOption<T> option, T value) throws IOException;

    /** Reads a socket option. */
    <T> T getOption(SocketOption<T> option) throws IOException;

    /** The local address; still available after close. */
    SocketAddress localAddress();

    /** The peer's address; still available after close. */
    SocketAddress remoteAddress();

    /** False once closed on this side. */
    boolean isOpen();

    /**
     * Closes the socket at once (bytes not yet written are dropped); the file descriptor is free
     * when this returns. Never waits for the peer; calls blocked on this stream throw an
     * {@link IOException}. Idempotent.
     */
    @Override
    void close();
}

package dev.weft.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * The sending half of a {@link Connection} (asyncio's {@code StreamWriter}): {@link #write}
 * buffers and never blocks; the bytes go out in the background; {@link #drain()} is where a
 * fast writer waits for a slow peer.
 *
 * <pre>{@code
 * for (byte[] record : records) {
 *     writer.write(record);      // never blocks
 *     writer.drain();            // blocks only while more than the high-water mark is buffered
 * }
 * writer.shutdownOutput();       // the peer reads end of stream; we can still read its reply
 * }</pre>
 *
 * <h2>Backpressure</h2>
 * When more than the high-water mark (64 KiB by default) is buffered, the writer is paused:
 * {@code drain()} blocks until the buffer has gone down to the low-water mark (16 KiB), as in
 * asyncio. Set both with {@link #setWaterMarks(int, int)} or {@link NetOptions#withWaterMarks}.
 * {@code write} itself never waits: a writer that never drains can buffer without bound. A
 * peer that stops reading stalls sending for as long as it likes, unless
 * {@link NetOptions#withWriteTimeout} bounds the stall: then sending fails, and the connection
 * is closed, when the socket takes nothing for that long.
 *
 * <h2>Blocking and cancellation</h2>
 * {@link #drain()} and {@link #waitClosed()} block and are cancellation points; every other call
 * returns at once. Cancelling a drain leaves the buffered bytes on their way.
 *
 * <h2>Exceptions</h2>
 * A failure to send (the peer reset or closed the connection: "broken pipe") is reported by the
 * next {@code write}, {@code drain} or {@code shutdownOutput} as a
 * {@link java.net.SocketException} whose message names the peer and what to check. Writing
 * after {@link #close()} or {@link #shutdownOutput()} throws {@link IllegalStateException}. A
 * failure that none of those calls reported (it came while closing, say) is thrown by
 * {@link #waitClosed()}, wrapped in {@link java.io.UncheckedIOException}, as asyncio's
 * {@code wait_closed()} raises it.
 *
 * <h2>Thread-safety</h2>
 * Every method may be called from any task; concurrent writes are appended in some order, each
 * one whole.
 */
public sealed interface StreamWriter permits StreamWriterImpl {

    /** Appends {@code data} to the send buffer. Never blocks. */
    void write(byte[] data) throws IOException;

    /** Appends {@code length} bytes of {@code data} from {@code offset}. Never blocks. */
    void write(byte[] data, int offset, int length) throws IOException;

    /**
     * Appends the remaining bytes of {@code src} (a heap or a direct buffer) and moves its
     * position to its limit. Never blocks. What the socket takes at once goes straight from
     * {@code src} (from a direct buffer, without the JDK's copy through a temporary one); the rest
     * is copied, so {@code src} may be reused as soon as this returns.
     */
    void write(ByteBuffer src) throws IOException;

    /**
     * Waits while the writer is paused (more than the high-water mark buffered) until the buffer
     * drains to the low-water mark. A cancellation point.
     *
     * @throws java.net.SocketException if sending failed (the peer closed or reset)
     */
    void drain() throws IOException;

    /** How many bytes are buffered and not yet handed to the socket. Never blocks. */
    long bufferedBytes();

    /**
     * Sets the water marks, in bytes.
     *
     * @throws IllegalArgumentException unless {@code 0 <= low <= high}
     */
    void setWaterMarks(int high, int low);

    /**
     * Half-closes: once the buffered bytes are sent, the peer reads end of stream (asyncio's
     * {@code write_eof}). Reading goes on. Never blocks. Idempotent.
     */
    void shutdownOutput() throws IOException;

    /**
     * Closes the connection once the buffered bytes are sent (asyncio's {@code close}). Never
     * blocks; {@link #waitClosed()} waits for it. Idempotent.
     */
    void close();

    /** Closes the connection at once, dropping buffered bytes. Never blocks. Idempotent. */
    void abort();

    /** True once {@link #close()} or {@link #abort()} was called. */
    boolean isClosing();

    /**
     * Waits until the connection is closed. A cancellation point.
     *
     * @throws java.io.UncheckedIOException if sending failed (buffered bytes were not delivered,
     *         or a TLS peer did not confirm the close) and no earlier call reported it
     */
    void waitClosed();

    /**
     * This writer as an {@link OutputStream}, for code that takes one. Each write appends
     * and then {@link #drain() drains}, so it blocks at the high-water mark and is a cancellation
     * point; {@code flush()} drains; {@code close()} is {@link #shutdownOutput()} (the peer reads
     * end of stream; the connection stays open for reading and must still be closed). Never
     * blocks.
     */
    OutputStream asOutputStream();

    /** The connection this writer belongs to (addresses, TLS session, reader). */
    Connection connection();

    /** The peer's address; same as {@code connection().remoteAddress()}. */
    SocketAddress remoteAddress();
}

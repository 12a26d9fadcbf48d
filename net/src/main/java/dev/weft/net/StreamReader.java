package dev.weft.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The receiving half of a {@link Connection}: a buffer in front of the socket with asyncio's
 * {@code StreamReader} calls.
 *
 * <pre>{@code
 * byte[] header = reader.readExactly(4);
 * byte[] line = reader.readLine();              // up to and including "\n"
 * byte[] chunk = reader.read(4096);              // whatever has arrived, at most 4096 bytes
 * if (chunk.length == 0) { ... }                 // end of stream: the peer shut down its output
 * int n = reader.readInto(buf, 0, buf.length);   // the same into your own array; -1 at the end
 * reader.transferTo(writer);                     // echo/relay until the end, one buffer, no copies
 * }</pre>
 *
 * <h2>Blocking and cancellation</h2>
 * Every {@code read*} call blocks until it has its answer and is a cancellation point (always,
 * even when the answer is already buffered). A cancelled or timed-out read
 * ({@code Weft.failAfter(d, () -> reader.readLine())}) consumes nothing: the bytes it had
 * collected stay buffered and the next read sees them, and the connection stays open.
 * {@link #atEof()} and {@link #limit()} never block.
 *
 * <h2>Size limit</h2>
 * {@link #readLine()} and {@link #readUntil(byte[])} refuse a chunk whose bytes before the
 * separator exceed {@link #limit()} (64 KiB by default) with {@link LimitOverrunException}.
 * Other calls are not limited: the caller chose the size.
 *
 * <h2>Exceptions</h2>
 * {@link IncompleteReadException} when the stream ends short; {@link LimitOverrunException};
 * {@link java.net.SocketException} with a message naming the cause when the peer reset the
 * connection; other {@link IOException}s from the socket. A socket failure is final: later reads
 * throw it again. Once the connection is closed on this side ({@code close()}, {@code abort()},
 * its server's close), reads return the bytes already buffered, then end of stream, as asyncio's
 * reader does; a read waiting at that moment returns end of stream.
 *
 * <h2>Thread-safety</h2>
 * One task reads at a time: a read while another task's read is in progress throws
 * {@link IllegalStateException} (as asyncio raises {@code RuntimeError}). Reading and writing
 * the same connection from two tasks is fine.
 */
public sealed interface StreamReader permits StreamReaderImpl {

    /**
     * Up to {@code maxBytes} bytes: what is buffered, or, if nothing is, what the next arrival
     * brings. Blocks until at least one byte is there or the stream ends.
     *
     * <p>Each call returns a new array of the size read (the caller owns it and may keep it), so
     * a loop that only passes bytes on allocates once per read: an echo, proxy or relay should
     * call {@link #transferTo(StreamWriter)}, and a loop that inspects the bytes
     * {@link #readInto(byte[], int, int)} with one reused array: neither makes an array per read.
     *
     * @return the bytes; empty at end of stream, or if {@code maxBytes} is 0
     * @throws IllegalArgumentException if {@code maxBytes} is negative
     */
    byte[] read(int maxBytes) throws IOException;

    /**
     * Up to {@code length} bytes into {@code dst} from {@code offset}, as {@link #read(int)} but
     * into the caller's array: a loop that reuses one buffer allocates nothing per read, and when
     * nothing is buffered the socket reads straight into {@code dst} (no copy). Blocks until at
     * least one byte is there or the stream ends. A cancelled call consumes nothing and leaves
     * {@code dst} as it was.
     *
     * @return the number of bytes read; -1 at end of stream; 0 only if {@code length} is 0
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} do not fit {@code dst}
     */
    int readInto(byte[] dst, int offset, int length) throws IOException;

    /**
     * As {@link #readInto(byte[], int, int)}, into the remaining room of {@code dst} (a heap or a
     * direct buffer), whose position advances by the count. A direct buffer is filled by the
     * socket without the JDK's copy through a temporary one.
     *
     * @return the number of bytes read; -1 at end of stream; 0 only if {@code dst} has no room
     */
    int readInto(ByteBuffer dst) throws IOException;

    /**
     * Copies everything that arrives to {@code out} until the stream ends, as
     * {@link java.io.InputStream#transferTo}: each chunk is written and drained (backpressure)
     * before the next read. Does not close or half-close {@code out}. This is the call for an
     * echo, a proxy or a relay: it reads into a direct buffer of its own that starts at 16 KiB,
     * doubles (up to 256 KiB) while reads fill it and halves again while they use little of it,
     * so a large message is read and written whole instead of in fixed slices. While it runs it
     * holds that buffer (direct memory, counted against {@code -XX:MaxDirectMemorySize}): a relay
     * of many connections that each carried one large burst keeps up to 256 KiB per connection
     * until later, smaller reads shrink it.
     *
     * <p>Cancellation: a cancelled transfer stops at its read or at its write or drain. Every
     * byte it read has by then been handed to {@code out} (sent, or buffered there); none is lost
     * or given twice, and the connection stays open.
     *
     * @return the number of bytes copied
     * @throws NullPointerException if {@code out} is null
     * @throws IOException from either side: a failed read is this reader's failure, a failed
     *         write is {@code out}'s
     * @throws IllegalStateException if {@code out} was closed or shut down for output (as its
     *         {@code write} says), or another task is reading this stream
     */
    long transferTo(StreamWriter out) throws IOException;

    /**
     * Exactly {@code n} bytes.
     *
     * @throws IncompleteReadException if the stream ends first; it carries the bytes that came
     */
    byte[] readExactly(int n) throws IOException;

    /**
     * The next line, up to and including {@code '\n'}. At end of stream, returns the bytes left
     * without a newline, then empty arrays.
     *
     * <p>If the line is longer than {@link #limit()}, throws {@link LimitOverrunException} and
     * drops that whole line, including the part of it that has not arrived yet: the next read
     * starts with the line after it. The stream stays usable.
     */
    byte[] readLine() throws IOException;

    /**
     * Bytes up to and including {@code separator} (asyncio's {@code readuntil}).
     *
     * <p>If more than {@link #limit()} bytes come before the separator (or have arrived with no
     * separator), throws {@link LimitOverrunException} and leaves every byte buffered: read past
     * them with {@link #readExactly(int)} of {@link LimitOverrunException#consumed()}, or close.
     *
     * @throws IncompleteReadException if the stream ends before the separator
     * @throws IllegalArgumentException if {@code separator} is empty
     */
    byte[] readUntil(byte[] separator) throws IOException;

    /** True when the buffer is empty and the peer has shut down its output. Never blocks. */
    boolean atEof();

    /**
     * This reader as an {@link InputStream}, for code that takes one. Its reads are
     * {@link #readInto(byte[], int, int)}: they block, are cancellation points (a cancelled read
     * throws {@link dev.weft.core.CancelledException} and consumes nothing) and return -1 at end of
     * stream. The same one-reader-at-a-time rule holds. Closing the stream closes only the view,
     * not the connection. Never blocks.
     */
    InputStream asInputStream();

    /** The size limit of {@link #readLine()} and {@link #readUntil(byte[])}, in bytes. */
    int limit();
}

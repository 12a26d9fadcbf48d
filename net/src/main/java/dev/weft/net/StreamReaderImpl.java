package dev.weft.net;

import dev.weft.core.DeadlineExceededException;
import dev.weft.core.Promise;
import dev.weft.core.Weft;
import dev.weft.net.spi.ByteStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reader's buffer and its parsing.
 *
 * <h2>Implementation notes</h2>
 * Bytes live in {@code buf[start, end)}. A read call consumes (moves {@code start}) only when
 * it returns, so a read cancelled while it waits in {@link #fill()} leaves the buffer whole.
 * {@code buf} grows when a chunk does not fit and is compacted before growing. It also grows
 * (doubling, up to {@code MAX_READ}) when a socket read filled all the room it was given: the
 * peer sends more than fits, and reading it in 8 KiB slices cost a syscall (and for a stream
 * echo, a write) per slice. A connection that only ever receives small messages keeps 8 KiB.
 * All fields are touched only by the one task that holds {@code busy}.
 */
final class StreamReaderImpl implements StreamReader {
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};
    private static final int CHUNK = 8 * 1024;
    /** The most one socket read asks for once the buffer has grown (as asyncio's 64 KiB reads). */
    private static final int MAX_READ = 64 * 1024;
    /** How often a close waiting for the peer's end looks whether the reading task let go. */
    private static final Duration BUSY_RECHECK = Duration.ofMillis(10);

    private final ByteStream stream;
    private final StreamConnection connection;
    private final int limit;
    private final AtomicBoolean busy = new AtomicBoolean();
    private byte[] buf = EMPTY;
    private int start;
    private int end;
    private volatile boolean eof;
    private IOException failure;
    /** After readLine overran: drop bytes up to and including the next newline first. */
    private boolean droppingLine;
    /** Written by the reading task, read by anyone (diagnostics and tests). */
    private volatile long received;
    /** Completed when the stream ends or fails: a close waiting for the peer's end joins it. */
    private final Promise<Void> ended = Promise.create();

    StreamReaderImpl(ByteStream stream, StreamConnection connection, int limit) {
        this.stream = stream;
        this.connection = connection;
        this.limit = limit;
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public InputStream asInputStream() {
        return new ReaderInputStream(this);
    }

    @Override
    public boolean atEof() {
        return eof && start == end && !droppingLine;
    }

    @Override
    public byte[] read(int maxBytes) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("read(" + maxBytes + "): the byte count is negative; pass how many "
                    + "bytes you can take (readExactly(n) for exactly n, readUntil for a separator)");
        }
        enter("read");
        try {
            if (maxBytes == 0) {
                return EMPTY;
            }
            if (start == end && !eof) {
                fill();
            }
            return take(Math.min(maxBytes, end - start));
        } finally {
            busy.set(false);
        }
    }

    @Override
    public int readInto(byte[] dst, int offset, int length) throws IOException {
        Objects.requireNonNull(dst, "readInto: the array is null");
        Objects.checkFromIndexSize(offset, length, dst.length);
        return readIntoChecked(ByteBuffer.wrap(dst, offset, length));
    }

    @Override
    public int readInto(ByteBuffer dst) throws IOException {
        Objects.requireNonNull(dst, "readInto: the buffer is null");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("readInto: the buffer is read-only; pass one the bytes can go into");
        }
        return readIntoChecked(dst);
    }

    /** readInto, once its arguments are checked. */
    private int readIntoChecked(ByteBuffer dst) throws IOException {
        enter("readInto");
        try {
            if (!dst.hasRemaining()) {
                return 0;
            }
            if (start == end) {
                if (eof) {
                    return -1;
                }
                return readDirect(dst);
            }
            int n = Math.min(dst.remaining(), end - start);
            dst.put(buf, start, n);
            start += n;
            if (start == end) {
                start = end = 0;
            }
            return n;
        } finally {
            busy.set(false);
        }
    }

    /** Nothing buffered: one socket read into the caller's buffer (a cancelled read reads nothing). */
    private int readDirect(ByteBuffer dst) throws IOException {
        return socketRead(dst);
    }

    /**
     * One read from the socket into {@code dst}: the count, or -1 at end of stream. Once the
     * connection is closed on this side, that is end of stream too (asyncio's reader gets
     * {@code feed_eof} when its transport closes), so reads after close() return what was
     * buffered, then the end.
     */
    private int socketRead(ByteBuffer dst) throws IOException {
        if (failure != null) {
            throw failure;
        }
        int n;
        if (!stream.isOpen() && connection.isClosingHere()) {
            n = -1;
        } else {
            try {
                n = stream.read(dst);
            } catch (IOException e) {
                if (!stream.isOpen() && connection.isClosingHere()) {
                    n = -1; // closed here while this read waited
                } else {
                    failure = Failures.reading(e, connection);
                    StreamWriterImpl.wake(ended);
                    throw failure;
                }
            }
        }
        if (n < 0) {
            eof = true;
            StreamWriterImpl.wake(ended);
            return -1;
        }
        received += n;
        return n;
    }

    /**
     * Closing a TLS connection, after our close_notify went out: reads and discards what the
     * peer still sends until its end of stream (its close_notify), so that no unread record is
     * left in the socket when it closes: the system would answer it with a reset and drop the
     * bytes we sent last. If another task is reading, it consumes what arrives; this then waits
     * for it to reach the end, and takes over if it stops reading first. Bytes buffered before
     * stay for later reads.
     *
     * @throws IOException if reading failed (the peer reset the connection)
     * @throws DeadlineExceededException if the peer's end did not come within {@code timeout}
     */
    void discardUntilPeerEnd(Duration timeout) throws IOException {
        Weft.failAfter(timeout, () -> {
            while (!ended.isDone()) {
                if (busy.compareAndSet(false, true)) {
                    try {
                        ByteBuffer scratch = ByteBuffer.allocate(CHUNK);
                        while (!eof) {
                            socketRead(scratch.clear());
                        }
                    } finally {
                        busy.set(false);
                    }
                    return;
                }
                // another task holds the reader: it consumes what arrives while it reads; look
                // again soon, in case it stops reading before the end
                Weft.moveOnAfter(BUSY_RECHECK, ended::join);
            }
        });
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public long transferTo(StreamWriter out) throws IOException {
        Objects.requireNonNull(out, "transferTo: the writer is null; pass the StreamWriter to copy into");
        enter("transferTo");
        try {
            long total = 0;
            if (start < end) { // what earlier reads left buffered goes first
                int n = end - start;
                out.write(buf, start, n);
                start = end = 0;
                total += n;
                out.drain();
            }
            TransferBuffer chunk = eof ? null : new TransferBuffer();
            while (!eof) {
                ByteBuffer b = chunk.forRead();
                int n = readDirect(b);
                if (n < 0) {
                    break;
                }
                chunk.read(n);
                out.write(b.flip());
                total += n;
                out.drain();
            }
            return total;
        } finally {
            busy.set(false);
        }
    }

    @Override
    public byte[] readExactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("readExactly(" + n + "): the byte count is negative");
        }
        enter("readExactly");
        try {
            while (end - start < n && !eof) {
                fill();
            }
            if (end - start < n) {
                throw new IncompleteReadException(take(end - start), n);
            }
            return take(n);
        } finally {
            busy.set(false);
        }
    }

    @Override
    public byte[] readLine() throws IOException {
        enter("readLine");
        try {
            return readUntil(NEWLINE, true);
        } catch (IncompleteReadException e) {
            return e.partial();
        } finally {
            busy.set(false);
        }
    }

    @Override
    public byte[] readUntil(byte[] separator) throws IOException {
        if (separator == null || separator.length == 0) {
            throw new IllegalArgumentException("readUntil: the separator is " + (separator == null ? "null" : "empty")
                    + "; pass the bytes that end a chunk, e.g. \"\\r\\n\".getBytes()");
        }
        enter("readUntil");
        try {
            return readUntil(separator.clone(), false);
        } finally {
            busy.set(false);
        }
    }

    private byte[] readUntil(byte[] sep, boolean line) throws IOException {
        int searchFrom = start;
        while (true) {
            int at = indexOf(sep, searchFrom);
            if (at >= 0) {
                int before = at - start;
                if (before > limit) {
                    throw overrun(line, true, at + sep.length - start);
                }
                return take(before + sep.length);
            }
            if (end - start > limit) {
                throw overrun(line, false, end - start);
            }
            if (eof) {
                throw new IncompleteReadException(take(end - start), -1);
            }
            searchFrom = Math.max(start, end - sep.length + 1);
            int offset = searchFrom - start;
            fill();
            searchFrom = start + offset; // fill may have compacted the buffer
        }
    }

    private LimitOverrunException overrun(boolean line, boolean found, int length) {
        if (line) {
            start += length;    // drop the line (through its newline if it has arrived)
            droppingLine = !found;
            return new LimitOverrunException("readLine: the line is longer than the reader's limit of " + limit
                    + " bytes; it was dropped (" + (found ? "" : "at least ") + length + " bytes) and the next read "
                    + "starts after it. Raise the limit with NetOptions.withReadLimit if such lines are legitimate",
                    length);
        }
        return new LimitOverrunException("readUntil: " + (found ? "the separator came after " : "no separator in ")
                + length + " bytes, more than the reader's limit of " + limit + "; the bytes stay buffered: skip them "
                + "with readExactly(e.consumed()) or close the connection. Raise the limit with "
                + "NetOptions.withReadLimit if such chunks are legitimate", length);
    }

    private int indexOf(byte[] sep, int from) {
        outer:
        for (int i = Math.max(from, start); i <= end - sep.length; i++) {
            for (int j = 0; j < sep.length; j++) {
                if (buf[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void enter(String call) throws IOException {
        if (!busy.compareAndSet(false, true)) {
            throw new IllegalStateException(call + "() called while another task is reading this stream; one task "
                    + "at a time may read (hand the reader over, or give each task its own connection)");
        }
        try {
            Weft.checkCancelled();
            if (droppingLine) {
                dropRestOfLine();
            }
        } catch (IOException | RuntimeException e) {
            busy.set(false);
            throw e;
        }
    }

    private void dropRestOfLine() throws IOException {
        while (true) {
            int at = indexOf(NEWLINE, start);
            if (at >= 0) {
                start = at + 1;
                droppingLine = false;
                return;
            }
            start = end;
            if (eof) {
                droppingLine = false;
                return;
            }
            fill();
        }
    }

    private byte[] take(int n) {
        if (n == 0) {
            return EMPTY;
        }
        byte[] out = Arrays.copyOfRange(buf, start, start + n);
        start += n;
        if (start == end) {
            start = end = 0;
        }
        return out;
    }

    /** Reads more from the socket: blocks until at least one byte or the end. */
    private void fill() throws IOException {
        if (end == buf.length) {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buf.length) {
                buf = Arrays.copyOf(buf, Math.max(CHUNK, buf.length * 2));
            }
        }
        int n = socketRead(ByteBuffer.wrap(buf, end, buf.length - end));
        if (n > 0) {
            if (end + n == buf.length && buf.length < MAX_READ && start == 0) {
                buf = Arrays.copyOf(buf, Math.min(MAX_READ, buf.length * 2)); // filled: read more at a time
            }
            end += n;
        }
    }

    /** Bytes received from the socket so far (read or still buffered); safe from any thread. */
    long receivedBytes() {
        return received;
    }

    @Override
    public String toString() {
        return "StreamReader[" + (end - start) + " bytes buffered" + (eof ? ", at end of stream" : "") + "]";
    }
}

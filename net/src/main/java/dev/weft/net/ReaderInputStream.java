package dev.weft.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * {@link StreamReader#asInputStream()}: an {@link InputStream} over a reader, for code that takes
 * one (parsers, {@code DataInputStream}, {@code GZIPInputStream}). Each read is the reader's
 * {@code readInto}: it blocks like it, is a cancellation point like it (a cancelled read throws
 * {@link dev.weft.core.CancelledException} and consumes nothing), and returns -1 at end of
 * stream. Closing the view closes only the view; the connection stays open.
 */
final class ReaderInputStream extends InputStream {
    private final StreamReader reader;
    private volatile boolean closed;

    ReaderInputStream(StreamReader reader) {
        this.reader = reader;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("read from a closed InputStream view of " + reader
                    + "; the connection is still open: read from a new view or from the reader");
        }
        if (len == 0) {
            return 0;
        }
        return reader.readInto(b, off, len);
    }

    @Override
    public void close() {
        closed = true;
    }
}

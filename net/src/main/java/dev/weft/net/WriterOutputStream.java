package dev.weft.net;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * {@link StreamWriter#asOutputStream()}: an {@link OutputStream} over a writer. Each write
 * appends to the writer's buffer and then {@link StreamWriter#drain() drains}, so a fast producer
 * blocks at the high-water mark as a socket's stream would (drain is a cancellation point: a
 * cancelled write throws {@link dev.weft.core.CancelledException}, its bytes already buffered).
 * {@link #flush()} drains too. {@link #close()} sends end of stream after the buffered bytes
 * ({@link StreamWriter#shutdownOutput()}, a half-close: the connection can still be read), so code
 * that closes its stream to finish (a {@code GZIPOutputStream}) ends the output; it does not close
 * the connection.
 */
final class WriterOutputStream extends OutputStream {
    private final StreamWriter writer;
    private volatile boolean closed;

    WriterOutputStream(StreamWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("write to a closed OutputStream view of " + writer
                    + ": closing it shut down the connection's output");
        }
        writer.write(b, off, len);
        writer.drain();
    }

    @Override
    public void flush() throws IOException {
        if (!closed) {
            writer.drain();
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.shutdownOutput();
        }
    }
}

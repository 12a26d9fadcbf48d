package dev.weft.net;

import dev.weft.core.CancelledException;
import dev.weft.core.DeadlineExceededException;
import dev.weft.core.Loop;
import dev.weft.core.Promise;
import dev.weft.core.Weft;
import dev.weft.net.spi.ByteStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The send buffer, its flusher and the close sequence.
 *
 * <h2>Implementation notes</h2>
 * <p>{@code write} first tries the socket without blocking ({@link ByteStream#tryWrite}) when
 * nothing is queued; what the socket does not take is copied into {@code pending}, and a
 * <em>flusher</em> task is spawned on the connection's loop to write it with blocking writes.
 * The flusher ends when the queue is empty; at most one runs at a time ({@code flushing}). It
 * lives in the loop's root scope because it belongs to the connection, not to whichever task
 * happened to write: it ends when the queue empties, when the socket fails or is aborted, or
 * when the loop closes.
 * <p>Order of the close sequence, run by whoever empties the queue: shut down the output if
 * asked (or if closing a TLS stream, to send close_notify); for TLS, read and discard until the
 * peer's close_notify or end of stream (at most the TLS close timeout), because closing a socket
 * with unread bytes (the peer's session tickets, say) makes the system send a reset that drops
 * our last bytes in flight; then close the socket. A failure nobody was told about (no
 * {@code write}, {@code drain} or {@code shutdownOutput} threw it) is thrown by
 * {@link #waitClosed()}, so that {@code close()} never hides lost bytes.
 * <p>Write timeout: the flusher writes in slices of at most {@code SLICE} bytes, each of which
 * the socket must take within the timeout; one that stalls fails the connection and closes it.
 * <p>Pausing: {@code paused} turns on when {@code buffered} exceeds {@code high} and off when it
 * falls to {@code low}; {@code resumed} is the promise drainers join, completed on resume,
 * failure or close.
 * <p>Every field below is guarded by {@code lock}; no blocking call is made while holding it
 * ({@code tryWrite} does not block).
 */
final class StreamWriterImpl implements StreamWriter {
    /** State constants for the connection's table (see {@link Connection}). */
    static final int OPEN = 0;
    static final int CLOSING = 1;
    static final int CLOSED = 2;

    private static final int COALESCE = 16 * 1024;
    /** With a write timeout, the most one timed socket write is given. */
    private static final int SLICE = 64 * 1024;

    private final ByteStream stream;
    private final StreamConnection connection;
    private final Loop loop;
    private final boolean closeWithShutdown;
    private final Duration writeTimeout;
    private final Duration tlsCloseTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Promise<Void> closedPromise;

    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private long buffered;
    private boolean flushing;
    private boolean paused;
    private int high;
    private int low;
    private Promise<Void> resumed;
    private IOException failure;
    /** True once {@code failure} was thrown to a caller (then close() need not throw it again). */
    private boolean failureReported;
    /** True once the caller aborted: dropping the buffered bytes was asked for. */
    private boolean aborted;
    private boolean eofRequested;
    private boolean eofSent;
    private int state = OPEN;

    StreamWriterImpl(ByteStream stream, StreamConnection connection, Loop loop, NetOptions options, boolean tls) {
        this.stream = stream;
        this.connection = connection;
        this.loop = loop;
        this.closeWithShutdown = tls;
        this.writeTimeout = options.writeTimeout();
        this.tlsCloseTimeout = options.tlsCloseTimeout();
        this.high = options.highWaterMark();
        this.low = options.lowWaterMark();
        this.closedPromise = Promise.create();
    }

    @Override
    public void write(byte[] data) throws IOException {
        Objects.requireNonNull(data, "write: the data is null");
        write(data, 0, data.length);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        Objects.requireNonNull(data, "write: the data is null");
        Objects.checkFromIndexSize(offset, length, data.length);
        append(ByteBuffer.wrap(data, offset, length));
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        Objects.requireNonNull(src, "write: the buffer is null");
        append(src);
    }

    private void append(ByteBuffer src) throws IOException {
        boolean spawn = false;
        lock.lock();
        try {
            checkWritable("write");
            if (!src.hasRemaining()) {
                return;
            }
            if (pending.isEmpty() && !flushing) {
                try {
                    stream.tryWrite(src);
                } catch (IOException e) {
                    failed(e);
                    throw reported();
                }
                if (!src.hasRemaining()) {
                    return;
                }
            }
            enqueue(src);
            if (!flushing) {
                flushing = true;
                spawn = true;
            }
        } finally {
            lock.unlock();
        }
        if (spawn) {
            startFlusher();
        }
    }

    // guarded by lock
    private void checkWritable(String call) throws IOException {
        if (failure != null) {
            throw reported();
        }
        if (state != OPEN) {
            throw new IllegalStateException(call + " after the connection to " + connection.remoteAddress()
                    + " was closed on this side (close() or abort()); open a new connection");
        }
        if (eofRequested) {
            throw new IllegalStateException(call + " after shutdownOutput(): the output to "
                    + connection.remoteAddress() + " is shut down; write everything before half-closing");
        }
    }

    // guarded by lock
    private void enqueue(ByteBuffer src) {
        int length = src.remaining();
        ByteBuffer tail = pending.size() >= 2 ? pending.peekLast() : null; // never touch the head: the flusher owns it
        if (tail != null && tail.capacity() - tail.limit() >= length) {
            int at = tail.limit();
            tail.limit(at + length);
            tail.put(at, src, src.position(), length);
            src.position(src.limit());
        } else {
            ByteBuffer copy = ByteBuffer.allocate(Math.max(length, COALESCE));
            copy.put(src).flip();
            pending.addLast(copy);
        }
        buffered += length;
        if (buffered > high) {
            paused = true;
        }
    }

    // guarded by lock: the failure, now thrown to a caller
    private IOException reported() {
        failureReported = true;
        return failure;
    }

    // guarded by lock
    private IOException failed(IOException e) {
        if (failure == null) {
            failure = Failures.writing(e, connection, buffered);
        }
        wakeDrainers();
        return failure;
    }

    // guarded by lock
    private void wakeDrainers() {
        paused = false;
        Promise<Void> r = resumed;
        resumed = null;
        wake(r);
    }

    private void startFlusher() {
        try {
            loop.spawn("flush to " + connection.remoteAddress(), this::flushLoop);
        } catch (RuntimeException e) {
            lock.lock();
            try {
                flushing = false;
                failed(new SocketException("cannot send to " + connection.remoteAddress() + ": " + e.getMessage()));
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    /**
     * The flusher task: writes the queue out, then runs the half-close and close asked for. Every
     * decision, including the one to stop, is taken under the lock, so a close() or
     * shutdownOutput() that finds a flusher running can rely on it to act.
     */
    private void flushLoop() {
        while (true) {
            ByteBuffer next;
            boolean doEof = false;
            boolean doClose = false;
            lock.lock();
            try {
                if (state == CLOSED || failure != null) {
                    flushing = false;
                    doClose = state == CLOSING;
                    next = null;
                } else {
                    next = pending.peekFirst();
                    if (next == null) {
                        doClose = state == CLOSING;
                        doEof = !eofSent && (eofRequested || (doClose && closeWithShutdown));
                        if (doEof) {
                            eofSent = true;
                            doClose = false; // look again once the half-close is done
                        } else if (!doClose) {
                            flushing = false;
                            return;
                        } else {
                            flushing = false;
                        }
                    }
                }
            } finally {
                lock.unlock();
            }
            if (next != null) {
                if (!send(next)) {
                    return;
                }
            } else if (doEof) {
                halfClose();
            } else {
                if (doClose) {
                    closeAfterFlush();
                }
                return;
            }
        }
    }

    /** Writes one queued buffer; false if the flusher must stop. */
    private boolean send(ByteBuffer next) {
        int size = next.remaining();
        try {
            if (!writeOut(next)) {
                failAndClose(new SocketTimeoutException("sending to " + connection.remoteAddress() + " made no "
                        + "progress for " + writeTimeout + " (less than " + SLICE / 1024 + " KiB went out; the write "
                        + "timeout, NetOptions.withWriteTimeout): the peer is not reading. The connection was closed "
                        + "and the bytes not yet sent were dropped"));
                return false;
            }
        } catch (IOException e) {
            flushFailed(e);
            return false;
        } catch (CancelledException e) {
            flushFailed(new SocketException("sending was cancelled: the loop of this connection is closing"));
            return false;
        }
        lock.lock();
        try {
            pending.pollFirst();
            buffered -= size;
            if (paused && buffered <= low) {
                wakeDrainers();
            }
        } finally {
            lock.unlock();
        }
        return true;
    }

    /**
     * Writes {@code next} whole; with a write timeout, slice by slice, each within the timeout.
     *
     * @return false if a slice did not go out in time (sending stalled)
     */
    private boolean writeOut(ByteBuffer next) throws IOException {
        if (writeTimeout == null) {
            stream.write(next);
            return true;
        }
        while (next.hasRemaining()) {
            ByteBuffer slice = next.slice(next.position(), Math.min(next.remaining(), SLICE));
            boolean done = Weft.moveOnAfter(writeTimeout, () -> stream.write(slice));
            next.position(next.position() + slice.position());
            if (!done) {
                return false;
            }
        }
        return true;
    }

    /** Records {@code e} as the failure as it is (its message is final) and closes the connection. */
    private void failAndClose(IOException e) {
        lock.lock();
        try {
            flushing = false;
            if (state == CLOSED) {
                return;
            }
            if (failure == null) {
                failure = e;
            }
            wakeDrainers();
        } finally {
            lock.unlock();
        }
        closeNow();
    }

    /**
     * The end of the close sequence once the queue is empty and the output shut down: for TLS,
     * waits for the peer's close_notify or end of stream (reading and discarding), then closes.
     */
    private void closeAfterFlush() {
        if (closeWithShutdown && !hasFailed()) {
            IOException unconfirmed = null;
            try {
                connection.readerImpl().discardUntilPeerEnd(tlsCloseTimeout);
            } catch (DeadlineExceededException e) {
                unconfirmed = new SocketTimeoutException("closing the TLS connection with " + connection.remoteAddress()
                        + ": the peer did not confirm within " + tlsCloseTimeout + " (no close_notify or end of "
                        + "stream; NetOptions.withTlsCloseTimeout), so the last bytes sent may not have arrived");
            } catch (IOException e) {
                unconfirmed = new SocketException("closing the TLS connection with " + connection.remoteAddress()
                        + " failed while waiting for the peer to confirm (" + e.getMessage() + "), so the last bytes "
                        + "sent may not have arrived");
                unconfirmed.initCause(e);
            } catch (CancelledException e) {
                unconfirmed = new SocketException("closing the TLS connection with " + connection.remoteAddress()
                        + " was cancelled (the loop of this connection is closing) before the peer confirmed");
            }
            if (unconfirmed != null) {
                lock.lock();
                try {
                    if (failure == null) {
                        failure = unconfirmed;
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
        closeNow();
    }

    private boolean hasFailed() {
        lock.lock();
        try {
            return failure != null;
        } finally {
            lock.unlock();
        }
    }

    private void halfClose() {
        try {
            stream.shutdownOutput();
        } catch (IOException e) {
            lock.lock();
            try {
                failed(e);
            } finally {
                lock.unlock();
            }
        } catch (CancelledException e) {
            lock.lock();
            try {
                failed(new SocketException("shutting down the output was cancelled: the loop of this connection is "
                        + "closing"));
            } finally {
                lock.unlock();
            }
        }
    }

    private void flushFailed(IOException e) {
        boolean close;
        lock.lock();
        try {
            flushing = false;
            if (state == CLOSED) {
                return; // aborted meanwhile: the failure is ours
            }
            failed(e);
            close = state == CLOSING;
        } finally {
            lock.unlock();
        }
        if (close) {
            closeNow();
        }
    }

    @Override
    public void drain() throws IOException {
        Weft.checkCancelled();
        while (true) {
            Promise<Void> p;
            lock.lock();
            try {
                if (failure != null) {
                    throw reported();
                }
                if (!paused || state == CLOSED) {
                    return;
                }
                if (resumed == null) {
                    resumed = Promise.create();
                }
                p = resumed;
            } finally {
                lock.unlock();
            }
            p.join();
        }
    }

    @Override
    public long bufferedBytes() {
        lock.lock();
        try {
            return buffered;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setWaterMarks(int high, int low) {
        NetOptions.checkWaterMarks(high, low);
        lock.lock();
        try {
            this.high = high;
            this.low = low;
            if (buffered > high) {
                paused = true;
            } else if (paused && buffered <= low) {
                wakeDrainers();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        boolean inline = false;
        boolean spawn = false;
        lock.lock();
        try {
            if (failure != null) {
                throw reported();
            }
            if (state != OPEN || eofRequested) {
                return;
            }
            eofRequested = true;
            if (!flushing) {
                if (pending.isEmpty() && !closeWithShutdown) {
                    inline = true;
                    eofSent = true;
                } else {
                    flushing = true;
                    spawn = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (inline) {
            try {
                stream.shutdownOutput();
            } catch (IOException e) {
                lock.lock();
                try {
                    failed(e);
                    throw reported();
                } finally {
                    lock.unlock();
                }
            }
        } else if (spawn) {
            startFlusher();
        }
    }

    @Override
    public void close() {
        boolean now = false;
        boolean spawn = false;
        lock.lock();
        try {
            if (state != OPEN) {
                return;
            }
            state = CLOSING;
            if (!flushing) {
                if (failure != null || (pending.isEmpty() && !closeWithShutdown)) {
                    now = true;
                } else {
                    flushing = true;
                    spawn = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (now) {
            closeNow();
        } else if (spawn) {
            try {
                startFlusher();
            } catch (RuntimeException e) {
                closeNow();
            }
        }
    }

    @Override
    public void abort() {
        lock.lock();
        try {
            aborted = true;
        } finally {
            lock.unlock();
        }
        closeNow();
    }

    private void closeNow() {
        lock.lock();
        try {
            if (state == CLOSED) {
                return;
            }
            state = CLOSED;
            pending.clear();
            buffered = 0;
            wakeDrainers();
        } finally {
            lock.unlock();
        }
        stream.close();
        wake(closedPromise);
    }

    @Override
    public boolean isClosing() {
        lock.lock();
        try {
            return state != OPEN;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        return closedPromise.isDone();
    }

    @Override
    public void waitClosed() {
        closedPromise.join();
        throwUnreportedFailure();
    }

    /** Once closed: throws the failure no call reported, unless the caller aborted. */
    void throwUnreportedFailure() {
        lock.lock();
        try {
            if (failure != null && !failureReported && !aborted) {
                throw new UncheckedIOException(reported());
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public OutputStream asOutputStream() {
        return new WriterOutputStream(this);
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public SocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    /** Completes {@code p} unless it is null or done (also for the reader's and the server's promises). */
    static void wake(Promise<Void> p) {
        if (p != null && !p.isDone()) {
            try {
                p.complete(null);
            } catch (IllegalStateException raced) {
                // completed concurrently
            }
        }
    }

    @Override
    public String toString() {
        return "StreamWriter[to " + connection.remoteAddress() + ", " + bufferedBytes() + " bytes buffered]";
    }
}

package dev.weft.net.internal.blocking;

import dev.weft.core.Promise;
import dev.weft.core.Weft;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Blocking writes run by a helper virtual thread that Weft never interrupts.
 *
 * <h2>Implementation notes</h2>
 * {@link #write(ByteBuffer)} copies up to {@link #CHUNK} bytes of the caller's buffer into
 * {@code chunk} (advancing its position: those bytes are now committed), wakes the helper, and
 * joins a promise the helper completes once the chunk is written; then it commits the next
 * chunk. A cancelled caller leaves; the helper finishes the committed chunk, and the next write
 * waits for it first, so bytes never go out of order. Fields are guarded by {@code lock}.
 */
final class WritePump {
    static final int CHUNK = 64 * 1024;

    private final String name;
    private final WritableByteChannel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private ByteBuffer chunk;
    private boolean closed;
    private IOException failure;
    private Promise<Void> waiter;
    private boolean started;

    WritePump(String name, WritableByteChannel channel) {
        this.name = name;
        this.channel = channel;
    }

    /** Writes all of {@code src}; returns once the operating system has every byte. */
    void write(ByteBuffer src) throws IOException {
        Weft.checkCancelled();
        while (true) {
            Promise<Void> p;
            lock.lock();
            try {
                if (closed) {
                    throw new SocketException(name + " is closed");
                }
                if (failure != null) {
                    throw failure;
                }
                if (chunk == null) {
                    if (!src.hasRemaining()) {
                        return;
                    }
                    int n = Math.min(src.remaining(), CHUNK);
                    ByteBuffer copy = ByteBuffer.allocate(n);
                    copy.put(copy.position(), src, src.position(), n).limit(n);
                    src.position(src.position() + n);
                    chunk = copy;
                    if (!started) {
                        started = true;
                        HelperThreads.start("weft-" + name, this::run);
                    } else {
                        work.signal();
                    }
                }
                if (waiter != null && !waiter.isDone()) {
                    throw new IllegalStateException(name + ": another task is already writing; one task at a "
                            + "time may write to a socket");
                }
                p = Promise.create();
                waiter = p;
            } finally {
                lock.unlock();
            }
            HelperThreads.joinHandOff(p, lock, () -> waiter, () -> waiter = null);
        }
    }

    /** Waits until no chunk is in flight (for a half-close after the last write). */
    void awaitIdle() throws IOException {
        write(ByteBuffer.allocate(0));
    }

    void close() {
        Promise<Void> w;
        lock.lock();
        try {
            closed = true;
            work.signal();
            w = waiter;
            waiter = null;
        } finally {
            lock.unlock();
        }
        Pump.wake(w);
    }

    private void run() {
        while (true) {
            ByteBuffer next;
            lock.lock();
            try {
                while (chunk == null && !closed) {
                    work.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                next = chunk;
            } finally {
                lock.unlock();
            }
            IOException error = null;
            try {
                while (next.hasRemaining()) {
                    channel.write(next);
                }
            } catch (IOException e) {
                error = e;
            }
            Promise<Void> w;
            lock.lock();
            try {
                chunk = null;
                if (error != null) {
                    failure = error;
                }
                w = waiter;
                waiter = null;
            } finally {
                lock.unlock();
            }
            Pump.wake(w);
            if (error != null) {
                return;
            }
        }
    }
}

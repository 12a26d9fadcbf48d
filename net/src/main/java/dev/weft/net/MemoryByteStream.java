package dev.weft.net;

import dev.weft.core.Event;
import dev.weft.net.spi.ByteStream;
import java.io.IOException;
import java.io.Serial;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of an in-memory stream pair ({@link Net#pipe()}): what one end writes, the other reads,
 * through a bounded buffer per direction, so a writer blocks while its peer's buffer is full
 * just as with a socket. No file descriptor, no network, no real IO: the virtual clock of a
 * {@code TestLoop} stays meaningful.
 *
 * <h2>Implementation notes</h2>
 * Each {@link Direction}'s state is guarded by a JDK lock held only while bytes are copied,
 * never while waiting, so {@link #close()} never blocks and never meets a cancellation. A call
 * that must wait takes the direction's current {@code changed} event under the lock and waits
 * on it outside (a Weft wait: a cancellation point); every change sets that event and installs
 * a fresh one. A waiting read takes nothing before it is cancelled; a write commits the bytes it
 * copied (src's position says how many).
 */
final class MemoryByteStream implements ByteStream {
    /** Bytes each direction buffers before a writer blocks. */
    static final int CAPACITY = 64 * 1024;
    private static final AtomicLong PIPES = new AtomicLong();

    private final Direction in;
    private final Direction out;
    private final Address local;
    private final Address remote;

    private MemoryByteStream(Direction in, Direction out, Address local, Address remote) {
        this.in = in;
        this.out = out;
        this.local = local;
        this.remote = remote;
    }

    /** Two connected ends. */
    static MemoryByteStream[] pair() {
        long id = PIPES.incrementAndGet();
        Direction aToB = new Direction(CAPACITY);
        Direction bToA = new Direction(CAPACITY);
        Address a = new Address("memory:pipe-" + id + "/left");
        Address b = new Address("memory:pipe-" + id + "/right");
        return new MemoryByteStream[] {new MemoryByteStream(bToA, aToB, a, b), new MemoryByteStream(aToB, bToA, b, a)};
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return in.read(dst);
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        out.write(src, true);
    }

    @Override
    public int tryWrite(ByteBuffer src) throws IOException {
        int before = src.position();
        out.write(src, false);
        return src.position() - before;
    }

    @Override
    public void shutdownOutput() {
        out.closeWriter();
    }

    @Override
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        throw new UnsupportedOperationException("an in-memory pipe has no socket options (asked to set " + option.name()
                + ")");
    }

    @Override
    public <T> T getOption(SocketOption<T> option) throws IOException {
        throw new UnsupportedOperationException("an in-memory pipe has no socket options (asked for " + option.name()
                + ")");
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean isOpen() {
        return !in.readerClosed();
    }

    @Override
    public void close() {
        in.closeReader();
        out.closeWriter();
    }

    /** The bytes flowing one way, written by one end and read by the other. */
    static final class Direction {
        private final ReentrantLock lock = new ReentrantLock();
        private final byte[] ring;
        private int head;
        private int size;
        /** The writing end shut down its output or closed: the reader sees end of stream after the bytes. */
        private boolean writerClosed;
        /** The reading end closed: its reads fail, and writes to it fail as a broken pipe. */
        private boolean readerClosed;
        private Event changed = Event.create();

        Direction(int capacity) {
            ring = new byte[capacity];
        }

        int read(ByteBuffer dst) throws IOException {
            while (true) {
                Event wait;
                lock.lock();
                try {
                    if (readerClosed) {
                        throw new SocketException("the pipe is closed on this side");
                    }
                    if (size > 0) {
                        int n = Math.min(size, dst.remaining());
                        for (int i = 0; i < n; i++) {
                            dst.put(ring[(head + i) % ring.length]);
                        }
                        head = (head + n) % ring.length;
                        size -= n;
                        signal();
                        return n;
                    }
                    if (writerClosed) {
                        return -1;
                    }
                    wait = changed;
                } finally {
                    lock.unlock();
                }
                wait.awaitSet();
            }
        }

        void write(ByteBuffer src, boolean block) throws IOException {
            while (src.hasRemaining()) {
                Event wait;
                lock.lock();
                try {
                    if (writerClosed) {
                        throw new SocketException("the pipe's output is shut down or closed on this side");
                    }
                    if (readerClosed) {
                        throw new SocketException("broken pipe: the peer closed the in-memory pipe");
                    }
                    int n = Math.min(ring.length - size, src.remaining());
                    if (n > 0) {
                        int tail = head + size;
                        for (int i = 0; i < n; i++) {
                            ring[(tail + i) % ring.length] = src.get();
                        }
                        size += n;
                        signal();
                        continue;
                    }
                    if (!block) {
                        return;
                    }
                    wait = changed;
                } finally {
                    lock.unlock();
                }
                wait.awaitSet();
            }
        }

        void closeWriter() {
            lock.lock();
            try {
                writerClosed = true;
                signal();
            } finally {
                lock.unlock();
            }
        }

        void closeReader() {
            lock.lock();
            try {
                readerClosed = true;
                size = 0;
                signal();
            } finally {
                lock.unlock();
            }
        }

        boolean readerClosed() {
            lock.lock();
            try {
                return readerClosed;
            } finally {
                lock.unlock();
            }
        }

        /** Wakes every waiter on this direction. Under the lock. */
        private void signal() {
            Event old = changed;
            changed = Event.create();
            old.set();
        }
    }

    /** The address of one end of an in-memory pipe. */
    static final class Address extends SocketAddress {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String name;

        Address(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}

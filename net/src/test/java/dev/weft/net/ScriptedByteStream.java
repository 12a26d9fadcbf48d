package dev.weft.net;

import dev.weft.core.Promise;
import dev.weft.net.spi.ByteStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A fake stream for parsing tests: {@link #read} hands out the scripted chunks one per call,
 * then blocks on {@link #more} until more are added, and reports end of stream after
 * {@link #end()}. Writes are collected. Create and use it inside a Weft task.
 */
final class ScriptedByteStream implements ByteStream {
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private boolean ended;
    private boolean open = true;
    private Promise<Void> more;

    synchronized ScriptedByteStream add(byte[]... parts) {
        for (byte[] p : parts) {
            chunks.add(p);
        }
        wakeReader();
        return this;
    }

    /** Adds {@code text} one byte per read. */
    ScriptedByteStream addBytewise(String text) {
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            add(new byte[] {b});
        }
        return this;
    }

    synchronized ScriptedByteStream end() {
        ended = true;
        wakeReader();
        return this;
    }

    /** True while a read waits for bytes that have not been added yet. */
    synchronized boolean readerWaiting() {
        return more != null && !more.isDone();
    }

    private void wakeReader() {
        if (more != null && !more.isDone()) {
            more.complete(null);
        }
    }

    @Override
    public int read(ByteBuffer dst) {
        while (true) {
            Promise<Void> wait;
            synchronized (this) {
                byte[] next = chunks.peekFirst();
                if (next != null) {
                    int n = Math.min(next.length, dst.remaining());
                    dst.put(next, 0, n);
                    chunks.pollFirst();
                    if (n < next.length) {
                        chunks.addFirst(java.util.Arrays.copyOfRange(next, n, next.length));
                    }
                    return n;
                }
                if (ended) {
                    return -1;
                }
                more = Promise.create();
                wait = more;
            }
            wait.join();
        }
    }

    @Override
    public synchronized void write(ByteBuffer src) {
        byte[] b = new byte[src.remaining()];
        src.get(b);
        written.writeBytes(b);
    }

    @Override
    public int tryWrite(ByteBuffer src) {
        int n = src.remaining();
        write(src);
        return n;
    }

    synchronized byte[] written() {
        return written.toByteArray();
    }

    @Override
    public void shutdownOutput() {}

    @Override
    public <T> void setOption(SocketOption<T> option, T value) {}

    @Override
    public <T> T getOption(SocketOption<T> option) {
        return null;
    }

    @Override
    public SocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 1);
    }

    @Override
    public SocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 2);
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() {
        open = false;
    }
}

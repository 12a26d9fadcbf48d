package dev.weft.net.internal.blocking;

import dev.weft.core.Weft;
import dev.weft.net.spi.ByteStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A connected socket channel in blocking mode. Reads and writes run on two helper virtual
 * threads ({@link Pump}, {@link WritePump}), so the interrupt that cancels a task never reaches
 * a blocking channel call; the task waits for the helper on a promise instead.
 */
final class BlockingByteStream implements ByteStream {
    /** The most one read asks the helper for; the helper allocates this per read at most. */
    static final int MAX_READ = 64 * 1024;

    private final SocketChannel channel;
    private final SocketAddress local;
    private final SocketAddress remote;
    private final Pump<ByteBuffer> reads;
    private final WritePump writes;
    /** The size the next read asks for: the caller's room, capped. Written by readers only. */
    private volatile int wanted = 8192;

    BlockingByteStream(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(true);
        this.local = channel.getLocalAddress();
        this.remote = channel.getRemoteAddress();
        String name = "blocking stream " + local + " -> " + remote;
        this.reads = new Pump<>("read of " + name, this::readChunk);
        this.writes = new WritePump("write of " + name, channel);
    }

    /** On the read helper: one blocking read into a fresh buffer; null at end of stream. */
    private ByteBuffer readChunk() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(wanted);
        int n = channel.read(buffer);
        return n < 0 ? null : buffer.flip();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        wanted = Math.max(512, Math.min(dst.remaining(), MAX_READ));
        ByteBuffer chunk = reads.take();
        if (chunk == null) {
            return -1;
        }
        int n = Math.min(chunk.remaining(), dst.remaining());
        dst.put(dst.position(), chunk, chunk.position(), n).position(dst.position() + n);
        chunk.position(chunk.position() + n);
        if (chunk.hasRemaining()) {
            reads.pushBack(chunk);
        }
        return n;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        writes.write(src);
    }

    @Override
    public int tryWrite(ByteBuffer src) {
        return 0; // every write of a blocking channel may block
    }

    @Override
    public void shutdownOutput() throws IOException {
        writes.awaitIdle();
        Weft.checkCancelled();
        channel.shutdownOutput(); // not an interruptible operation: no interrupt hook is installed
    }

    @Override
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        channel.setOption(option, value);
    }

    @Override
    public <T> T getOption(SocketOption<T> option) throws IOException {
        return channel.getOption(option);
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
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket fails only if it is already broken; it is released either way
        }
        reads.close();
        writes.close();
    }

    @Override
    public String toString() {
        return "blocking stream " + local + " -> " + remote;
    }
}

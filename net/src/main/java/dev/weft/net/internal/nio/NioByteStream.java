package dev.weft.net.internal.nio;

import dev.weft.core.Weft;
import dev.weft.net.spi.ByteStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** A connected socket channel in non-blocking mode; waits go through the transport's selector. */
final class NioByteStream implements ByteStream {
    private final NioTransport transport;
    private final SocketChannel channel;
    private final Interest interest;
    private final SocketAddress local;
    private final SocketAddress remote;
    /**
     * A hint, kept by whichever task reads: the last read left room in its buffer, so the socket
     * had nothing more then. While the selector keeps reading armed, the next read waits for it
     * first instead of trying a read that would most likely find nothing (as a request-response
     * peer has usually not answered yet). A stale value costs one wait or one empty read, never
     * a byte: the selector is level-triggered. Only an open channel waits first: a closed one
     * must reach the channel call that reports it.
     */
    private boolean drained;

    NioByteStream(NioTransport transport, SocketChannel channel, Interest interest) throws IOException {
        this.transport = transport;
        this.channel = channel;
        this.interest = interest;
        channel.configureBlocking(false);
        this.local = channel.getLocalAddress();
        this.remote = channel.getRemoteAddress();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        Weft.checkCancelled();
        boolean hint = drained;
        drained = false;
        if (hint && interest.isStanding(SelectionKey.OP_READ) && channel.isOpen()) {
            transport.await(channel, interest, SelectionKey.OP_READ);
        }
        while (true) {
            int n = channel.read(dst);
            if (n != 0) {
                drained = n > 0 && dst.hasRemaining();
                return n;
            }
            transport.await(channel, interest, SelectionKey.OP_READ);
        }
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        Weft.checkCancelled();
        while (src.hasRemaining()) {
            if (channel.write(src) == 0) {
                transport.await(channel, interest, SelectionKey.OP_WRITE);
            }
        }
    }

    @Override
    public int tryWrite(ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
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
        transport.closeRegistered(channel, interest);
    }

    @Override
    public String toString() {
        return "nio stream " + local + " -> " + remote;
    }
}

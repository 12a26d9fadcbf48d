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
        while (true) {
            int n = channel.read(dst);
            if (n != 0) {
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

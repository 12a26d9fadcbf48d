package dev.weft.net.internal.blocking;

import dev.weft.net.spi.ByteStream;
import dev.weft.net.spi.Listener;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A listening channel in blocking mode; accepts run on a {@link Pump}'s helper thread. */
final class BlockingListener implements Listener {
    private final ServerSocketChannel channel;
    private final SocketAddress local;
    private final Pump<SocketChannel> accepts;

    BlockingListener(ServerSocketChannel channel) throws IOException {
        this.channel = channel;
        this.local = channel.getLocalAddress();
        this.accepts = new Pump<>("accept on " + local, channel::accept, true); // EMFILE passes
    }

    @Override
    public ByteStream accept() throws IOException {
        SocketChannel accepted = accepts.take();
        if (accepted == null) {
            throw new SocketException("listener " + local + " is closed");
        }
        try {
            return new BlockingByteStream(accepted);
        } catch (Throwable e) { // an Error too: the accepted channel is closed, not leaked
            accepted.close();
            throw e;
        }
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // released either way
        }
        // The JDK frees the listening descriptor only when the helper blocked in accept() has
        // left it; wait for that (closing the channel ends it at once), so that a connect made
        // after close() returns is refused, not reset.
        accepts.awaitOperationEnded(java.util.concurrent.TimeUnit.SECONDS.toNanos(5));
        for (SocketChannel left : accepts.close()) {
            try {
                left.close();
            } catch (IOException e) {
                // released either way
            }
        }
    }

    @Override
    public String toString() {
        return "blocking listener " + local;
    }
}

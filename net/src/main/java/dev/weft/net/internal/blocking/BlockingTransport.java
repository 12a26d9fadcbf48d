package dev.weft.net.internal.blocking;

import dev.weft.core.Weft;
import dev.weft.net.spi.ByteStream;
import dev.weft.net.spi.DatagramPort;
import dev.weft.net.spi.Listener;
import dev.weft.net.spi.Readiness;
import dev.weft.net.spi.Transport;
import dev.weft.net.internal.Channels;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * The {@code blocking} transport: JDK channels in blocking mode on virtual threads, with no
 * selector of its own. Blocking reads, accepts, receives and writes run on helper virtual threads
 * that Weft never interrupts (see {@link Pump}); ADR 0007 explains why.
 *
 * <p>Connecting runs on the caller's thread: if the task is cancelled, the interrupt closes the
 * half-made channel, which is what a cancelled connect should do anyway.
 */
public final class BlockingTransport implements Transport {
    private final String name;
    private volatile boolean closed;

    BlockingTransport(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ByteStream connect(SocketAddress remote) throws IOException {
        checkOpen();
        Weft.checkCancelled();
        SocketChannel ch = SocketChannel.open(Channels.family(remote));
        boolean done = false;
        try {
            ch.connect(remote);
            BlockingByteStream stream = new BlockingByteStream(ch);
            done = true;
            return stream;
        } catch (ClosedByInterruptException e) {
            Weft.checkCancelled(); // the usual case: the task was cancelled or timed out
            throw e;
        } finally {
            if (!done) {
                ch.close();
            }
        }
    }

    @Override
    public Listener listen(SocketAddress local, int backlog) throws IOException {
        checkOpen();
        ServerSocketChannel ch = Channels.openBoundServer(local, backlog);
        boolean done = false;
        try {
            BlockingListener listener = new BlockingListener(ch);
            done = true;
            return listener;
        } finally {
            if (!done) {
                ch.close();
            }
        }
    }

    @Override
    public DatagramPort openDatagram(SocketAddress local, SocketAddress remote) throws IOException {
        checkOpen();
        DatagramChannel ch = Channels.openBoundDatagram(local, remote);
        boolean done = false;
        try {
            BlockingDatagramPort port = new BlockingDatagramPort(ch);
            done = true;
            return port;
        } finally {
            if (!done) {
                ch.close();
            }
        }
    }

    /** None: this transport has no selector. The low-level calls use one that has. */
    @Override
    public Optional<Readiness> readiness() {
        return Optional.empty();
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the '" + name + "' transport is closed: open a new one, or use the shared "
                    + "instance Weft opens for you (do not close it)");
        }
    }


    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "BlockingTransport[" + name + "]";
    }
}

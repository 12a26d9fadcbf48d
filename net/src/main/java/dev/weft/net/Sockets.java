package dev.weft.net;

import dev.weft.core.Weft;
import dev.weft.net.spi.Readiness;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * The low-level socket calls of asyncio's loop ({@code sock_accept}, {@code sock_recv},
 * {@code sock_recv_into}, {@code sock_sendall}, {@code sock_connect}) on plain JDK channels that
 * the caller opens and closes: the seed's reversed-echo toy, line for line.
 *
 * <pre>{@code
 * try (ServerSocketChannel server = ServerSocketChannel.open()) {
 *     server.bind(new InetSocketAddress("127.0.0.1", 6789), 1);
 *     try (SocketChannel client = Sockets.accept(server)) {       // await loop.sock_accept(server)
 *         byte[] data = Sockets.recv(client, 1024);                // await loop.sock_recv(client, 1024)
 *         Sockets.sendAll(client, reversed(data));                 // await loop.sock_sendall(client, data)
 *     }
 * }
 * }</pre>
 *
 * <h2>Channels</h2>
 * As asyncio requires {@code sock.setblocking(False)}, each call switches the channel to
 * non-blocking mode (leave it so) and waits for readiness through a transport's selector: the
 * default transport's ({@link NetOptions#TRANSPORT_PROPERTY}) if it has one, else the first
 * transport that has (the {@code blocking} transport has none). The caller closes its channels;
 * a task blocked on a channel that another task closes wakes within about a second and throws.
 *
 * <h2>Blocking and cancellation</h2>
 * Every call here blocks until done and is a cancellation point. A cancelled {@code recv} reads
 * nothing and the channel stays open and usable. A cancelled {@code sendAll} may have sent a
 * prefix: the buffer's position says how much. A cancelled {@code connect} leaves the channel
 * unusable: close it.
 */
public final class Sockets {
    private Sockets() {}

    /** Waits for a connection on {@code server} and returns it, in non-blocking mode. */
    public static SocketChannel accept(ServerSocketChannel server) throws IOException {
        Objects.requireNonNull(server, "accept: the server channel is null");
        Readiness readiness = prepare(server);
        while (true) {
            SocketChannel client = server.accept();
            if (client != null) {
                client.configureBlocking(false);
                return client;
            }
            readiness.awaitReady(server, SelectionKey.OP_ACCEPT);
        }
    }

    /**
     * Receives up to {@code maxBytes}: blocks until some bytes arrive.
     *
     * @return the bytes; empty at end of stream
     */
    public static byte[] recv(SocketChannel channel, int maxBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("recv: maxBytes is " + maxBytes + "; pass how many bytes you can take, "
                    + "e.g. 1024");
        }
        ByteBuffer buffer = ByteBuffer.allocate(maxBytes);
        int n = recvInto(channel, buffer);
        return n < 0 ? new byte[0] : Arrays.copyOf(buffer.array(), n);
    }

    /**
     * Receives into {@code dst} (which must have room): blocks until some bytes arrive.
     *
     * @return the number of bytes received, or -1 at end of stream
     */
    public static int recvInto(SocketChannel channel, ByteBuffer dst) throws IOException {
        Objects.requireNonNull(dst, "recvInto: the buffer is null");
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("recvInto: the buffer is full (" + dst + "); clear() or compact() it");
        }
        Readiness readiness = prepare(channel);
        while (true) {
            int n = channel.read(dst);
            if (n != 0) {
                return n;
            }
            readiness.awaitReady(channel, SelectionKey.OP_READ);
        }
    }

    /** Sends every remaining byte of {@code src}: blocks while the peer is slow to read. */
    public static void sendAll(SocketChannel channel, ByteBuffer src) throws IOException {
        Objects.requireNonNull(src, "sendAll: the buffer is null");
        Readiness readiness = prepare(channel);
        while (src.hasRemaining()) {
            if (channel.write(src) == 0) {
                readiness.awaitReady(channel, SelectionKey.OP_WRITE);
            }
        }
    }

    /** Sends all of {@code data}. */
    public static void sendAll(SocketChannel channel, byte[] data) throws IOException {
        Objects.requireNonNull(data, "sendAll: the data is null");
        sendAll(channel, ByteBuffer.wrap(data));
    }

    /**
     * Connects {@code channel} to {@code remote} (resolved: an {@code InetSocketAddress} with an
     * address, or a {@code UnixDomainSocketAddress}).
     *
     * @throws java.net.ConnectException if refused; the message says what to check
     */
    public static void connect(SocketChannel channel, SocketAddress remote) throws IOException {
        Objects.requireNonNull(remote, "connect: the address is null");
        Readiness readiness = prepare(channel);
        try {
            if (!channel.connect(remote)) {
                do {
                    readiness.awaitReady(channel, SelectionKey.OP_CONNECT);
                } while (!channel.finishConnect());
            }
        } catch (IOException e) {
            throw Failures.connecting(e, String.valueOf(remote));
        }
    }

    private static Readiness prepare(SelectableChannel channel) throws IOException {
        Objects.requireNonNull(channel, "the channel is null");
        Weft.checkCancelled();
        if (channel.isBlocking()) {
            channel.configureBlocking(false);
        }
        return Transports.readiness(NetOptions.defaults());
    }
}

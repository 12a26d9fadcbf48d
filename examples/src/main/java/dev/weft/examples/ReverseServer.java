package dev.weft.examples;

import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import dev.weft.net.Sockets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Seed: "An Introduction to Asyncio", "A Toy Example" - the asynchronous server.py: a server that
 * replies with the bytes a client sends, reversed, written with the loop's low-level socket calls
 * ({@code sock_accept}, {@code sock_recv}, {@code sock_sendall}) on a plain socket. As the seed
 * promises of the async version, it serves many clients at once: each accepted client is a task.
 *
 * <p>It answers a client as the seed's server does, and so answers the seed's own {@code client.py},
 * which sends {@code b'Hello Server!\n'} and waits for the reply with its side still open. One
 * change: instead of a single {@code recv(1024)}, which may return part of a message split in
 * transit, the server reads up to the end of the first line (or to the end of the stream, if the
 * client shuts down its output first) and replies to that, at most 64 KiB.
 *
 * <p>A client that fails (resets its connection, or sends more than 64 KiB without a newline)
 * costs only its own connection: the server says so on stderr, closes that connection and goes
 * on serving the others. Only a failure of the server's own socket ends it.
 *
 * <pre>
 * ./weft run reverse-server [--port 6789] [--max-clients N]
 * </pre>
 */
public final class ReverseServer {
    static final String USAGE = "reverse-server [--port 6789] [--max-clients N]";
    static final int MAX_MESSAGE = 64 * 1024;

    private ReverseServer() {}

    public static void main(String[] args) throws Exception {
        Args a = Args.parseOrExit(args, USAGE, 0, "--port", "--max-clients");
        int port = a.integer("--port", 6789);
        int maxClients = a.integer("--max-clients", 0);
        Weft.run(() -> {
            try (ServerSocketChannel server = ServerSocketChannel.open();
                 TaskScope clients = TaskScope.open()) {
                server.bind(new InetSocketAddress("127.0.0.1", port));      // server.bind(('localhost', 6789))
                System.out.println("reverse-server listening on " + server.getLocalAddress());
                for (int served = 0; maxClients <= 0 || served < maxClients; served++) {
                    SocketChannel client = Sockets.accept(server);         // await loop.sock_accept(server)
                    SocketAddress peer = client.getRemoteAddress();
                    clients.spawn(() -> {
                        try (client) {
                            byte[] data = receiveLine(() -> Sockets.recv(client, 1024)); // await loop.sock_recv(client, 1024)
                            Sockets.sendAll(client, reversed(data));       // await loop.sock_sendall(client, data)
                        } catch (IOException e) {
                            clientFailed("reverse-server", peer, e);      // its own failure: the others go on
                        }
                    });
                }
                clients.join();
                System.out.println("reverse-server served " + maxClients + " clients");
            }
        });
    }

    /** Says that one client failed and that its connection was closed; the server goes on. */
    static void clientFailed(String server, Object peer, IOException e) {
        System.err.println(server + ": client " + peer + " failed (" + e.getMessage()
                + "); its connection was closed, the other clients go on");
    }

    /** One {@code recv}: up to n bytes, at least one; none at the end of the stream. */
    interface Recv {
        byte[] recv() throws IOException;
    }

    /**
     * The message the seed's server answers: the bytes up to and including the first newline, or
     * everything up to the end of the stream if none comes (at most 64 KiB). Bytes after the
     * newline are not part of the message.
     */
    static byte[] receiveLine(Recv recv) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] chunk; (chunk = recv.recv()).length > 0; ) {
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] == '\n') {
                    all.write(chunk, 0, i + 1);
                    return checkSize(all).toByteArray();
                }
            }
            all.writeBytes(chunk);
            checkSize(all);
        }
        return all.toByteArray();
    }

    private static ByteArrayOutputStream checkSize(ByteArrayOutputStream message) throws IOException {
        if (message.size() > MAX_MESSAGE) {
            throw new IOException("the message is longer than " + MAX_MESSAGE + " bytes");
        }
        return message;
    }

    /** Everything the server sends until it closes the connection (at most 64 KiB). */
    static byte[] receiveAll(SocketChannel client) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] chunk; (chunk = Sockets.recv(client, 1024)).length > 0; ) {
            checkSize(all).writeBytes(chunk);
        }
        return checkSize(all).toByteArray();
    }

    static byte[] reversed(byte[] data) {                                   // data[::-1]
        byte[] r = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            r[i] = data[data.length - 1 - i];
        }
        return r;
    }
}

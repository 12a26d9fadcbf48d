package dev.weft.examples;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Seed: "An Introduction to Asyncio", "A Toy Example" - the synchronous server.py, before the
 * port to asyncio: plain {@code java.net} sockets and no Weft loop. Every call blocks the one
 * thread there is ({@code accept}, {@code recv}, {@code sendall}), so the server serves one
 * client at a time: a second client that connects meanwhile waits, unaccepted, until the first
 * is done. Compare {@code reverse-server}, the asynchronous version, which serves many at once.
 *
 * <p>It answers a client as the seed's server does (the seed's own {@code client.py} included),
 * with two changes: like {@code reverse-server}, it replies to the first line (or to everything
 * up to the end of the stream, if the client shuts down its output first) instead of to a single
 * {@code recv(1024)}, and it serves clients in a loop (the seed serves one and exits). It also uses the default listen backlog rather than
 * the seed's {@code listen(1)}, so that clients can queue up behind the one being served.
 *
 * <p>As in {@code reverse-server}, a client that fails (a reset, a message over 64 KiB) costs only
 * its own connection: the server says so and takes the next client.
 *
 * <pre>
 * ./weft run reverse-server-blocking [--port 6789] [--max-clients N]
 * </pre>
 * It prints a line as it takes each client and as it answers it, so the order is visible.
 */
public final class ReverseServerBlocking {
    static final String USAGE = "reverse-server-blocking [--port 6789] [--max-clients N]";

    private ReverseServerBlocking() {}

    public static void main(String[] args) throws IOException {
        Args a = Args.parseOrExit(args, USAGE, 0, "--port", "--max-clients");
        int port = a.integer("--port", 6789);
        int maxClients = a.integer("--max-clients", 0);
        try (ServerSocket server = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
            System.out.println("reverse-server-blocking listening on 127.0.0.1:" + server.getLocalPort());
            int served = 0;
            while (maxClients <= 0 || served < maxClients) {
                Socket client = server.accept();                            // *block* waiting for a new client
                int number = ++served;
                try (client) {
                    System.out.println("client " + number + " connected from port " + client.getPort());
                    byte[] data = receiveLine(client.getInputStream());     // *block* waiting for the data
                    client.getOutputStream().write(ReverseServer.reversed(data)); // *block* sending it back
                    System.out.println("client " + number + " answered (" + data.length + " bytes reversed)");
                } catch (IOException e) {
                    ReverseServer.clientFailed("reverse-server-blocking", "from port " + client.getPort(), e);
                }
            }
            System.out.println("reverse-server-blocking served " + served + " clients");
        }
    }

    /** The message the seed's server answers (see {@link ReverseServer#receiveLine}), read from {@code in}. */
    static byte[] receiveLine(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        return ReverseServer.receiveLine(() -> {
            int n = in.read(buffer);                                     // client.recv(1024)
            return n < 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
        });
    }

    /** Everything the peer sends until it shuts down its output (at most 64 KiB). */
    static byte[] receiveAll(InputStream in) throws IOException {
        byte[] all = in.readNBytes(ReverseServer.MAX_MESSAGE + 1);
        if (all.length > ReverseServer.MAX_MESSAGE) {
            throw new IOException("the message is longer than " + ReverseServer.MAX_MESSAGE + " bytes");
        }
        return all;
    }
}

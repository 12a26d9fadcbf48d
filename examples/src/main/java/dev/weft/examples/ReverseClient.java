package dev.weft.examples;

import dev.weft.core.Weft;
import dev.weft.net.Sockets;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Seed: "An Introduction to Asyncio", "A Toy Example" - the asynchronous client.py: connects to
 * the reverse-server with {@code sock_connect}, sends a message with {@code sock_sendall} and
 * prints the reply it gets with {@code sock_recv}.
 *
 * <pre>
 * ./weft run reverse-client [--port 6789] [MESSAGE]
 * </pre>
 * Sends MESSAGE (by default the seed's "Hello Server!") plus a newline, as the seed's
 * {@code b'Hello Server!\n'}, then shuts down its output so that the server knows the message is complete.
 */
public final class ReverseClient {
    static final String USAGE = "reverse-client [--port 6789] [MESSAGE]";

    private ReverseClient() {}

    public static void main(String[] args) throws Exception {
        Args a = Args.parseOrExit(args, USAGE, 1, "--port");
        int port = a.integer("--port", 6789);
        String text = a.positional().isEmpty() ? "Hello Server!" : a.positional().get(0);   // the seed's message
        byte[] message = (text + "\n").getBytes(StandardCharsets.UTF_8);
        Weft.run(() -> {
            try (SocketChannel client = SocketChannel.open()) {
                Sockets.connect(client, new InetSocketAddress("127.0.0.1", port)); // await loop.sock_connect(...)
                System.out.println("Sending " + repr(message));
                Sockets.sendAll(client, message);                                 // await loop.sock_sendall(...)
                client.shutdownOutput();
                byte[] response = ReverseServer.receiveAll(client);               // await loop.sock_recv(...)
                System.out.println("Server replied " + repr(response));
            }
        });
    }

    /** The bytes as Python prints them: b'...' with \n escaped. */
    static String repr(byte[] bytes) {
        return "b'" + new String(bytes, StandardCharsets.UTF_8).replace("\\", "\\\\").replace("\n", "\\n")
                .replace("'", "\\'") + "'";
    }
}

package dev.weft.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Seed: "An Introduction to Asyncio", "A Toy Example" - the synchronous client.py: plain
 * {@code java.net} sockets and no Weft loop. It connects, sends a message and prints the reply,
 * blocking at each step. It talks to either server, {@code reverse-server-blocking} or
 * {@code reverse-server}; the wire is the same.
 *
 * <pre>
 * ./weft run reverse-client-blocking [--port 6789] [MESSAGE]
 * </pre>
 * Sends MESSAGE (by default the seed's "Hello Server!") plus a newline, as the seed's
 * {@code b'Hello Server!\n'}, then shuts down its output so that the server knows the message is complete.
 */
public final class ReverseClientBlocking {
    static final String USAGE = "reverse-client-blocking [--port 6789] [MESSAGE]";

    private ReverseClientBlocking() {}

    public static void main(String[] args) throws IOException {
        Args a = Args.parseOrExit(args, USAGE, 1, "--port");
        int port = a.integer("--port", 6789);
        String text = a.positional().isEmpty() ? "Hello Server!" : a.positional().get(0);   // the seed's message
        byte[] message = (text + "\n").getBytes(StandardCharsets.UTF_8);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) { // *block* connecting
            System.out.println("Sending " + ReverseClient.repr(message));
            client.getOutputStream().write(message);                               // *block* sending
            client.shutdownOutput();
            byte[] response = ReverseServerBlocking.receiveAll(client.getInputStream()); // *block* for the reply
            System.out.println("Server replied " + ReverseClient.repr(response));
        }
    }
}

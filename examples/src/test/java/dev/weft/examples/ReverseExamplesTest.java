package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.Weft;
import dev.weft.net.Sockets;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The seed's toy: reverse-server in a child JVM, reverse-client here, and two clients at once. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReverseExamplesTest {

    @Test
    void theClientGetsItsMessageReversedAndTheServerServesClientsAtOnce() throws Throwable {
        try (ExampleProcess server = ExampleProcess.start(ReverseServer.class, "--port", "0", "--max-clients", "3")) {
            int port = server.awaitListening();

            ExampleRun run = ExampleRun.of(ReverseClient::main, "--port", Integer.toString(port), "Hello Server!");
            assertEquals("Sending b'Hello Server!\\n'\nServer replied b'\\n!revreS olleH'\n", run.output());

            Weft.run(() -> {
                try (SocketChannel slow = SocketChannel.open(); SocketChannel quick = SocketChannel.open()) {
                    Sockets.connect(slow, new InetSocketAddress("127.0.0.1", port));
                    Sockets.sendAll(slow, "still typing".getBytes(UTF_8)); // and keeps its output open
                    Sockets.connect(quick, new InetSocketAddress("127.0.0.1", port));
                    Sockets.sendAll(quick, "abc".getBytes(UTF_8));
                    quick.shutdownOutput();
                    // the quick client is answered while the slow one is still being served
                    assertEquals("cba", new String(ReverseServer.receiveAll(quick), UTF_8));
                    slow.shutdownOutput();
                    assertEquals("gnipyt llits", new String(ReverseServer.receiveAll(slow), UTF_8));
                }
            });
            assertEquals(0, server.awaitExit(), "output: " + server.lines);
            assertTrue(server.lines.contains("reverse-server served 3 clients"), server.lines.toString());
        }
    }
}

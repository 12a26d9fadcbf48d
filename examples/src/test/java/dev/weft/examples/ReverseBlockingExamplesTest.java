package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seed's synchronous toy: reverse-server-blocking in a child JVM, reverse-client-blocking here,
 * then two clients at once to show that the blocking server takes them one at a time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReverseBlockingExamplesTest {

    @Test
    void theClientGetsItsMessageReversedAndTheServerServesOneClientAtATime() throws Throwable {
        try (ExampleProcess server = ExampleProcess.start(ReverseServerBlocking.class,
                "--port", "0", "--max-clients", "3")) {
            int port = server.awaitListening();

            ExampleRun run = ExampleRun.of(ReverseClientBlocking::main, "--port", Integer.toString(port), "Hello Server!");
            assertEquals("Sending b'Hello Server!\\n'\nServer replied b'\\n!revreS olleH'\n", run.output());
            assertTrue(server.nextLine().startsWith("client 1 connected from port "), server.lines.toString());
            assertEquals("client 1 answered (14 bytes reversed)", server.nextLine());

            InetAddress loopback = InetAddress.getLoopbackAddress();
            try (Socket slow = new Socket(loopback, port)) {
                slow.getOutputStream().write("still typing".getBytes(UTF_8)); // and keeps its output open
                assertEquals("client 2 connected from port " + slow.getLocalPort(), server.nextLine());
                try (Socket quick = new Socket(loopback, port)) {
                    quick.getOutputStream().write("abc".getBytes(UTF_8));
                    quick.shutdownOutput();
                    // The quick client's whole message is there, but the server is blocked reading the
                    // slow one, so no reply can come. (The wait only bounds how long we look: this server
                    // can never answer here, so it cannot make the test flaky; a server that served
                    // clients at once, like reverse-server, answers within milliseconds and fails it.)
                    quick.setSoTimeout(500);
                    assertThrows(SocketTimeoutException.class, () -> quick.getInputStream().read(),
                            "the quick client was answered while the slow one was still being served");
                    quick.setSoTimeout(0);

                    slow.shutdownOutput();                                    // the slow client finishes
                    assertEquals("gnipyt llits", reply(slow));
                    assertEquals("cba", reply(quick));
                    assertEquals(0, server.awaitExit(), "output: " + server.lines);
                    // the server's own order of events: it took the quick client only after answering the
                    // slow one, although the quick client's message had arrived before the slow one's end
                    assertEquals(List.of(
                            "client 2 connected from port " + slow.getLocalPort(),
                            "client 2 answered (12 bytes reversed)",
                            "client 3 connected from port " + quick.getLocalPort(),
                            "client 3 answered (3 bytes reversed)",
                            "reverse-server-blocking served 3 clients"),
                            server.lines.subList(3, server.lines.size()));
                }
            }
        }
    }

    @Test
    void theBlockingClientAlsoTalksToTheAsyncServer() throws Throwable {
        try (ExampleProcess server = ExampleProcess.start(ReverseServer.class, "--port", "0", "--max-clients", "1")) {
            int port = server.awaitListening();
            ExampleRun run = ExampleRun.of(ReverseClientBlocking::main, "--port", Integer.toString(port), "same wire");
            assertEquals("Sending b'same wire\\n'\nServer replied b'\\neriw emas'\n", run.output());
            assertEquals(0, server.awaitExit(), "output: " + server.lines);
        }
    }

    private static String reply(Socket socket) throws IOException {
        return new String(ReverseServerBlocking.receiveAll(socket.getInputStream()), UTF_8);
    }
}

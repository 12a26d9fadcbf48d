package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that fails (resets its connection, or sends more than the server takes) costs only its
 * own connection: the reverse servers say so and go on serving the next client.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReverseServerClientIsolationTest {

    @Test
    void reverseServerSurvivesAResetAndAnOversizeMessage() throws Exception {
        badClientsDoNotStop(ReverseServer.class);
    }

    @Test
    void reverseServerBlockingSurvivesAResetAndAnOversizeMessage() throws Exception {
        badClientsDoNotStop(ReverseServerBlocking.class);
    }

    private static void badClientsDoNotStop(Class<?> serverClass) throws Exception {
        try (ExampleProcess server = ExampleProcess.start(serverClass, "--port", "0", "--max-clients", "3")) {
            int port = server.awaitListening();
            InetAddress loopback = InetAddress.getLoopbackAddress();

            try (Socket reset = new Socket(loopback, port)) {
                reset.getOutputStream().write("half a messa".getBytes(UTF_8));
                reset.setSoLinger(true, 0);                                  // close() sends a reset
            }
            assertTrue(awaitLineContaining(server, "failed").contains("its connection was closed"), server.lines.toString());

            try (Socket oversize = new Socket(loopback, port)) {
                byte[] big = new byte[ReverseServer.MAX_MESSAGE + 4096];
                Arrays.fill(big, (byte) 'x');                                // and no newline
                oversize.getOutputStream().write(big);
                assertTrue(awaitLineContaining(server, "failed").contains("longer than " + ReverseServer.MAX_MESSAGE),
                        server.lines.toString());
                assertNoReply(oversize.getInputStream());
            }

            try (Socket good = new Socket(loopback, port)) {
                good.getOutputStream().write("Hello Server!\n".getBytes(UTF_8));
                assertEquals("\n!revreS olleH", new String(good.getInputStream().readAllBytes(), UTF_8));
            }
            assertEquals(0, server.awaitExit(), "output: " + server.lines);
        }
    }

    private static String awaitLineContaining(ExampleProcess server, String fragment) throws IOException {
        for (String line; (line = server.nextLine()) != null; ) {
            if (line.contains(fragment)) {
                return line;
            }
        }
        throw new AssertionError("the server ended without a line containing '" + fragment + "'; output: " + server.lines);
    }

    /** The server closed the connection without a reply: end of stream, or a reset if our bytes were unread. */
    private static void assertNoReply(InputStream in) {
        try {
            assertEquals(-1, in.read(), "the server replied to an oversize message");
        } catch (IOException reset) {
            assertNotNull(reset.getMessage());
        }
    }
}

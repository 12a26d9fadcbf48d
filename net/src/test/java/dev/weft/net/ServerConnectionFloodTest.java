package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.Weft;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 10,000 connections open at once on one Weft server, each echoing a line. The clients run in a
 * child JVM ({@link FloodClients}) so that this JVM's file-descriptor limit (20,000 here) holds
 * the server's 10,000 sockets. It takes about 2.5 s per transport here, so it runs in every
 * build (no stress tag); the behaviour suite also opens 1,000 at once in-process.
 */
class ServerConnectionFloodTest {
    private static final int CONNECTIONS = 10_000;

    @ParameterizedTest
    @ValueSource(strings = {"nio", "blocking"})
    void tenThousandConcurrentConnectionsOnOneServer(String transport) throws Exception {
        Weft.run(() -> {
            long start = System.nanoTime();
            NetOptions options = NetOptions.defaults().withTransport(transport).withBacklog(4096);
            try (Server server = Net.startServer(TransportBehaviourSuite.ECHO_LINES, "127.0.0.1", 0, options)) {
                Path classes = Path.of(FloodClients.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                String java = ProcessHandle.current().info().command().orElseThrow();
                Process child = new ProcessBuilder(java, "-cp", classes.toString(), FloodClients.class.getName(),
                        Integer.toString(server.port()), Integer.toString(CONNECTIONS))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8)); OutputStream in = child.getOutputStream()) {
                    assertEquals("ALL_ECHOED", Weft.toThread(out::readLine));
                    assertEquals(CONNECTIONS, server.activeConnections(), "every connection is open at once");
                    assertEquals(CONNECTIONS, server.acceptedConnections());
                    long echoedMillis = (System.nanoTime() - start) / 1_000_000;
                    in.write('\n');
                    in.flush();
                    assertEquals("CLOSED", Weft.toThread(out::readLine));
                    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.activeConnections() == 0);
                    System.out.printf("%s: %d connections open and echoed in %d ms, all closed after %d ms%n",
                            transport, CONNECTIONS, echoedMillis, (System.nanoTime() - start) / 1_000_000);
                } finally {
                    assertTrue(Weft.toThread(() -> child.waitFor(30, TimeUnit.SECONDS)), "the client JVM exited");
                    child.destroyForcibly();
                }
            }
        });
    }
}

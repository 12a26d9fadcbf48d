package dev.weft.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.DeadlineExceededException;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of connections, with every kind of fault mixed in, leave no file descriptor open:
 * the count in /proc/self/fd returns to where it was.
 */
class FileDescriptorLeakTest {
    private static final int ROUNDS = 10;
    private static final int PER_ROUND = 250;

    static long openDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "blocking"})
    void thousandsOfConnectionsWithFaultsLeaveNoDescriptorOpen(String transport) throws Exception {
        NetOptions options = NetOptions.defaults().withTransport(transport).withBacklog(1024).withReadLimit(1000);
        Weft.run(() -> round(options, 50)); // warm up: classes, the selector, helper threads
        long before = openDescriptors();
        Weft.run(() -> {
            for (int r = 0; r < ROUNDS; r++) {
                round(options, PER_ROUND);
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> openDescriptors() <= before + 3);
        long after = openDescriptors();
        System.out.printf("%s: %d connections with faults; descriptors before %d, after %d%n", transport,
                ROUNDS * PER_ROUND, before, after);
        assertTrue(after <= before + 3, "descriptors before " + before + ", after " + after);
    }

    /** One server and {@code n} clients: plain echoes, aborts, timeouts, oversize lines, refusals. */
    private static void round(NetOptions options, int n) throws Exception {
        int port;
        try (Server server = Net.startServer((r, w) -> {
            byte[] line = r.readLine();
            if (line.length > 0 && line[0] == 'q') {
                return; // close without answering
            }
            w.write(line);
            r.read(1);
        }, "127.0.0.1", 0, options);
             TaskScope scope = TaskScope.open()) {
            port = server.port();
            for (int i = 0; i < n; i++) {
                int kind = i % 5;
                scope.spawn(() -> {
                    try (Connection c = Net.openConnection("127.0.0.1", server.port(), options)) {
                        switch (kind) {
                            case 0 -> { // a plain exchange
                                c.writer().write("hello\n".getBytes(UTF_8));
                                assertEquals("hello\n", new String(c.reader().readLine(), UTF_8));
                            }
                            case 1 -> { // the client aborts mid-conversation
                                c.writer().write("partial".getBytes(UTF_8));
                                c.abort();
                            }
                            case 2 -> // a read that times out, then close
                                    assertThrows(DeadlineExceededException.class, () ->
                                            Weft.failAfter(Duration.ofMillis(20), () -> c.reader().readLine()));
                            case 3 -> { // an oversize line: the handler fails and closes
                                byte[] big = new byte[5000];
                                Arrays.fill(big, (byte) 'x');
                                c.writer().write(big);
                                c.writer().write("\n".getBytes(UTF_8));
                                TransportBehaviourSuite.assertClosedByPeer(c);
                            }
                            default -> { // the server closes without answering
                                c.writer().write("quit\n".getBytes(UTF_8));
                                assertEquals(0, c.reader().read(10).length);
                            }
                        }
                    }
                });
            }
            scope.join();
        }
        int closedPort = port;
        assertThrows(ConnectException.class, () -> Net.openConnection("127.0.0.1", closedPort, options));
        try (ServerSocketChannel probe = ServerSocketChannel.open()) { // the port is free again
            probe.bind(new InetSocketAddress("127.0.0.1", closedPort));
        }
    }
}

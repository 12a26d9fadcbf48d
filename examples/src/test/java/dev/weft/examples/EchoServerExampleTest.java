package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.Promise;
import dev.weft.core.Weft;
import dev.weft.net.Connection;
import dev.weft.net.Net;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** echo-server in a child JVM serves three clients connected at once, then stops (--max-clients 3). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EchoServerExampleTest {

    @ParameterizedTest
    @ValueSource(strings = {"nio", "blocking"})
    void echoesForThreeConcurrentClientsAndStops(String transport) throws Exception {
        try (ExampleProcess server = ExampleProcess.start(EchoServer.class,
                "--port", "0", "--transport", transport, "--max-clients", "3")) {
            int port = server.awaitListening();
            assertTrue(server.lines.get(0).contains("(transport " + transport + ")"), server.lines.toString());
            List<String> replies = Weft.run(() -> {
                Promise<Void> allConnected = Promise.create();
                AtomicInteger connected = new AtomicInteger();
                List<Callable<String>> clients = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    String message = "echo " + i + " over " + transport + "\n";
                    clients.add(() -> {
                        try (Connection c = Net.openConnection("127.0.0.1", port)) {
                            if (connected.incrementAndGet() == 3) {
                                allConnected.complete(null);
                            }
                            allConnected.join(); // three connections open at once
                            c.writer().write(message.getBytes(UTF_8));
                            c.writer().shutdownOutput();
                            return new String(c.reader().readLine(), UTF_8);
                        }
                    });
                }
                return Weft.gather(clients);
            });
            assertEquals(List.of("echo 0 over " + transport + "\n", "echo 1 over " + transport + "\n",
                    "echo 2 over " + transport + "\n"), replies);
            assertEquals(0, server.awaitExit(), "output: " + server.lines);
            assertTrue(server.lines.contains("echo-server served 3 clients"), server.lines.toString());
        }
    }
}

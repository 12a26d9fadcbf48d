package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.core.Weft;
import dev.weft.net.Connection;
import dev.weft.net.Net;
import dev.weft.net.Server;
import java.time.Duration;
import java.util.List;

/**
 * Seed: "Mastering asyncio", "What else can asyncio do?" (three requests at once with
 * asyncio.gather). A local service answers each request after the delay the request asks for;
 * three requests of 0.3, 0.6 and 0.9 s are made at once with {@code Weft.gather}. The results
 * come back in argument order, and the whole takes about the slowest request, not the sum.
 */
public final class GatherRequests {
    private GatherRequests() {}

    /** One request: send "name delayMillis", read the one-line answer. */
    static String request(int port, String name, long delayMillis) throws Exception {
        try (Connection conn = Net.openConnection("127.0.0.1", port)) {
            conn.writer().write((name + " " + delayMillis + "\n").getBytes(UTF_8));
            return new String(conn.reader().readLine(), UTF_8).strip();
        }
    }

    public static void main(String[] args) throws Exception {
        Args.parseOrExit(args, "gather", 0);
        Weft.run(() -> {
            // the service accepts from the moment it starts; closing it ends its handlers
            try (Server service = Net.startServer((reader, writer) -> {
                String[] ask = new String(reader.readLine(), UTF_8).strip().split(" ");
                Weft.sleep(Duration.ofMillis(Long.parseLong(ask[1])));   // a slow backend
                writer.write((ask[0] + " done after " + ask[1] + " ms\n").getBytes(UTF_8));
                writer.drain();
            }, "127.0.0.1", 0)) {
                int port = service.port();
                long start = System.nanoTime();
                List<String> results = Weft.gather(
                        () -> request(port, "messages", 900),
                        () -> request(port, "send", 300),
                        () -> request(port, "photo", 600));
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                results.forEach(System.out::println);
                System.out.printf("elapsed: %.1f s (the slowest request, not the sum of 1.8 s)%n", elapsedMs / 1000.0);
            }
        });
    }
}

package dev.weft.examples;

import dev.weft.core.Promise;
import dev.weft.core.Weft;
import dev.weft.net.Net;
import dev.weft.net.NetOptions;
import dev.weft.net.Server;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seed: "Mastering asyncio", "What else can asyncio do?" - start an asyncio server in one script
 * and connect to it from another ({@code start_server} / {@code open_connection}, for
 * inter-process communication). A plain echo server: every connection is a task of the server's
 * scope that sends back whatever it reads, with {@code drain()} for backpressure.
 *
 * <pre>
 * ./weft run echo-server [--port 8888] [--transport nio|blocking] [--max-clients N]
 * </pre>
 * It serves until Ctrl+C, or, with {@code --max-clients N}, until N clients have connected and
 * been served.
 */
public final class EchoServer {
    static final String USAGE = "echo-server [--port 8888] [--transport nio|blocking] [--max-clients N]";

    private EchoServer() {}

    public static void main(String[] args) throws Exception {
        Args a = Args.parseOrExit(args, USAGE, 0, "--port", "--transport", "--max-clients");
        int port = a.integer("--port", 8888);
        int maxClients = a.integer("--max-clients", 0);
        String transport = a.string("--transport", null);
        NetOptions options = transport == null ? NetOptions.defaults() : NetOptions.defaults().withTransport(transport);
        AtomicInteger clients = new AtomicInteger();
        Weft.run(() -> {
            Promise<Void> enough = Promise.create();
            try (Server server = Net.startServer((reader, writer) -> {
                if (clients.incrementAndGet() == maxClients) {
                    enough.complete(null);
                }
                for (byte[] chunk; (chunk = reader.read(4096)).length > 0; ) {
                    writer.write(chunk);
                    writer.drain();
                }
            }, "127.0.0.1", port, options)) {
                System.out.println("echo-server listening on 127.0.0.1:" + server.port() + " (transport "
                        + server.transportName() + ")");
                if (maxClients > 0) {
                    enough.join();
                    server.stopAccepting();
                } else {
                    server.serveForever();
                }
                server.closeGracefully(Duration.ofSeconds(10));
            }
            System.out.println("echo-server served " + clients.get() + " clients");
        });
    }
}

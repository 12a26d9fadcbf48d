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
 * scope that sends back whatever it reads. The handler is {@code reader.transferTo(writer)}, the
 * call for an echo or a relay: it reads into one buffer of its own and drains after each write
 * (backpressure), so it allocates nothing per message. Where you need to look at the bytes, loop
 * over {@code reader.readInto(buf, 0, buf.length)} with one array, {@code writer.write(buf, 0, n)}
 * and {@code writer.drain()}; {@code read(n)} returns a new array on every call.
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
                reader.transferTo(writer);
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

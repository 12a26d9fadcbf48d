package dev.weft.bench.echo;

import dev.weft.core.Weft;
import dev.weft.net.Net;
import dev.weft.net.NetOptions;
import dev.weft.net.Server;

/**
 * tcp_echo: Weft's streams echo (a handler task per connection, reading into one reused array
 * with {@code readInto}, writing, draining). Usage: WeftEchoServer PORT TRANSPORT, where
 * TRANSPORT is nio or blocking.
 */
public final class WeftEchoServer {
    private WeftEchoServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        NetOptions options = NetOptions.defaults().withTransport(args[1]);
        Weft.run(() -> {
            try (Server server = Net.startServer((reader, writer) -> {
                byte[] buf = new byte[64 * 1024]; // as the raw peer: one buffer per connection, reused
                for (int n; (n = reader.readInto(buf, 0, buf.length)) > 0; ) {
                    writer.write(buf, 0, n); // copies only what the socket does not take at once
                    writer.drain();
                }
            }, "127.0.0.1", port, options)) {
                System.out.println("listening");
                server.serveForever();
            }
        });
    }
}

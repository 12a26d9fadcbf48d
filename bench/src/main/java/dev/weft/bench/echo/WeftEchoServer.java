package dev.weft.bench.echo;

import dev.weft.core.Weft;
import dev.weft.net.Net;
import dev.weft.net.NetOptions;
import dev.weft.net.Server;

/**
 * tcp_echo: Weft's streams echo (a handler task per connection). Usage: WeftEchoServer PORT
 * TRANSPORT, where TRANSPORT is nio or blocking.
 */
public final class WeftEchoServer {
    private WeftEchoServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        NetOptions options = NetOptions.defaults().withTransport(args[1]);
        Weft.run(() -> {
            try (Server server = Net.startServer((reader, writer) -> {
                while (true) {
                    byte[] chunk = reader.read(64 * 1024);
                    if (chunk.length == 0) {
                        return;
                    }
                    writer.write(chunk);
                    writer.drain();
                }
            }, "127.0.0.1", port, options)) {
                System.out.println("listening");
                server.serveForever();
            }
        });
    }
}

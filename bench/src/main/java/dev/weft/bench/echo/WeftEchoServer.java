package dev.weft.bench.echo;

import dev.weft.core.Weft;
import dev.weft.net.Net;
import dev.weft.net.NetOptions;
import dev.weft.net.Server;
import java.nio.ByteBuffer;

/**
 * tcp_echo: Weft's streams echo (a handler task per connection, reading into one reused direct
 * buffer with {@code readInto}, writing, draining). Usage: WeftEchoServer PORT TRANSPORT, where
 * TRANSPORT is nio or blocking.
 */
public final class WeftEchoServer {
    private WeftEchoServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        NetOptions options = NetOptions.defaults().withTransport(args[1]);
        Weft.run(() -> {
            try (Server server = Net.startServer((reader, writer) -> {
                // One 64 KiB buffer per connection, reused (as the raw peer's array); direct, as
                // Netty's, so the socket reads into it and writes from it without a copy.
                ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
                while (reader.readInto(buf.clear()) > 0) {
                    writer.write(buf.flip()); // copies only what the socket does not take at once
                    writer.drain();
                }
            }, "127.0.0.1", port, options)) {
                System.out.println("listening");
                server.serveForever();
            }
        });
    }
}

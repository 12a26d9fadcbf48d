package dev.weft.bench.echo;

import dev.weft.core.Weft;
import dev.weft.net.ConnectionHandler;
import dev.weft.net.Net;
import dev.weft.net.NetOptions;
import dev.weft.net.Server;
import java.nio.ByteBuffer;

/**
 * tcp_echo: Weft's streams echo, a handler task per connection. By default the handler is
 * {@code reader.transferTo(writer)} (Weft's own copy loop: a direct buffer that grows while reads
 * fill it, each chunk written and drained). With {@code --read-loop} it is the loop a user
 * writes by hand: {@code readInto} one reused 64 KiB direct buffer, write, drain (the raw peer
 * reads 64 KiB arrays the same way). Usage: WeftEchoServer PORT TRANSPORT [--read-loop], where
 * TRANSPORT is nio or blocking.
 */
public final class WeftEchoServer {
    private WeftEchoServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        NetOptions options = NetOptions.defaults().withTransport(args[1]);
        boolean readLoop = args.length > 2 && args[2].equals("--read-loop");
        ConnectionHandler handler = readLoop
                ? (reader, writer) -> {
                    ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
                    while (reader.readInto(buf.clear()) > 0) {
                        writer.write(buf.flip()); // copies only what the socket does not take at once
                        writer.drain();
                    }
                }
                : (reader, writer) -> reader.transferTo(writer);
        Weft.run(() -> {
            try (Server server = Net.startServer(handler, "127.0.0.1", port, options)) {
                System.out.println("listening");
                server.serveForever();
            }
        });
    }
}

package dev.weft.bench.echo;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** tcp_echo peer: a raw virtual thread per connection on blocking sockets. Usage: RawEchoServer PORT. */
public final class RawEchoServer {
    private RawEchoServer() {}

    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 1024, InetAddress.getLoopbackAddress())) {
            System.out.println("listening");
            while (true) {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> {
                    byte[] buf = new byte[64 * 1024];
                    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                        for (int n; (n = in.read(buf)) > 0; ) {
                            out.write(buf, 0, n);
                        }
                    } catch (Exception e) {
                        // the client went away
                    }
                });
            }
        }
    }
}

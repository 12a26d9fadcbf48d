package dev.weft.bench.idle;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * idle_conns load: opens N connections to 127.0.0.1:PORT, prints {@code connected}, and holds
 * them open, sending nothing, until its standard input closes. Usage: IdleConnsClient PORT N.
 */
public final class IdleConnsClient {
    private IdleConnsClient() {}

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        int n = Integer.parseInt(args[1]);
        List<SocketChannel> open = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            open.add(SocketChannel.open(server));
        }
        System.out.println("connected");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the connections until the runner closes our input
        }
        for (SocketChannel c : open) {
            c.close();
        }
    }
}

package dev.weft.bench.echo;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * tcp_echo's load client, the same for every server: CONNECTIONS connections, each on its own
 * virtual thread, send a SIZE-byte message and read the whole echo back, in a loop. Counts
 * round trips for SECONDS after one second of warm-up and prints
 * {@code {"requests_per_second": N}}. Usage: EchoLoadClient PORT CONNECTIONS SIZE SECONDS.
 */
public final class EchoLoadClient {
    private EchoLoadClient() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        LongAdder done = new LongAdder();
        long warmupEnd = System.nanoTime() + 1_000_000_000L;
        long end = warmupEnd + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        List<Socket> sockets = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            sockets.add(s);
        }
        for (Socket s : sockets) {
            threads.add(Thread.ofVirtual().start(() -> {
                byte[] message = new byte[size];
                byte[] back = new byte[size];
                try (s; OutputStream out = s.getOutputStream(); InputStream in = s.getInputStream()) {
                    while (true) {
                        long now = System.nanoTime();
                        if (now >= end) {
                            return;
                        }
                        out.write(message);
                        out.flush();
                        int read = 0;
                        while (read < size) {
                            int n = in.read(back, read, size - read);
                            if (n < 0) {
                                throw new IllegalStateException("the server closed the connection");
                            }
                            read += n;
                        }
                        if (now >= warmupEnd) {
                            done.increment();
                        }
                    }
                } catch (Exception e) {
                    System.err.println("echo client: " + e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("{\"requests_per_second\": %.1f}%n", done.sum() / seconds);
    }
}

package dev.weft.net;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of {@code ServerConnectionFloodTest}, run in a child JVM (so that the server's
 * JVM has the file-descriptor limit to itself): opens N connections to 127.0.0.1:PORT with plain
 * JDK blocking channels on virtual threads, keeps them all open, sends one line on each and
 * reads its echo. Prints {@code ALL_ECHOED} when every connection got its echo, waits for a line
 * on stdin, then closes everything and prints {@code CLOSED}. Uses only java.base.
 */
public final class FloodClients {
    private FloodClients() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        Semaphore connecting = new Semaphore(256); // keep the server's accept queue from overflowing
        CountDownLatch echoed = new CountDownLatch(count);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            int n = i;
            Thread.ofVirtual().start(() -> {
                SocketChannel ch = null;
                try {
                    connecting.acquire();
                    try {
                        ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                    } finally {
                        connecting.release();
                    }
                    byte[] line = ("hello " + n + "\n").getBytes(StandardCharsets.UTF_8);
                    ch.write(ByteBuffer.wrap(line));
                    ByteBuffer in = ByteBuffer.allocate(line.length);
                    while (in.hasRemaining() && ch.read(in) >= 0) {
                        // until the whole echo is back
                    }
                    if (in.hasRemaining() || !java.util.Arrays.equals(in.array(), line)) {
                        failures.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                    System.err.println("client " + n + ": " + e);
                } finally {
                    echoed.countDown();
                }
                try {
                    release.await();
                    if (ch != null) {
                        ch.close();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            });
        }
        echoed.await();
        System.out.println(failures.get() == 0 ? "ALL_ECHOED" : "FAILURES " + failures.get());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        release.countDown();
        System.out.println("CLOSED");
    }
}

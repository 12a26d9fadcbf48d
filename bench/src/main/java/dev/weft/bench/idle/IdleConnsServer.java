package dev.weft.bench.idle;

import dev.weft.bench.Memory;
import dev.weft.bench.echo.NettyEchoServer;
import dev.weft.core.Weft;
import dev.weft.net.Net;
import dev.weft.net.NetOptions;
import dev.weft.net.Server;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;

/**
 * idle_conns: memory per open idle connection. Starts an echo server, prints {@code listening
 * PORT}, waits until {@code N} clients ({@link IdleConnsClient}) are connected and idle, then
 * prints one JSON line with heap bytes per connection (heap used after full GCs, minus the same
 * before the first connection) and resident-set bytes per connection, and halts.
 * Usage: IdleConnsServer weft-nio|weft-nio-transfer|weft-blocking|raw|netty N.
 *
 * <p>Each server runs the idiom its users would write for an echo server, idle: Weft's handler
 * task waits in {@code reader.readInto} an 8 KiB array of its own, or, with
 * {@code weft-nio-transfer}, in {@code reader.transferTo(writer)} as the shipped example
 * echo-server does (its 16 KiB buffer is direct memory: it shows in RSS, not in the heap); raw is a virtual thread per
 * connection waiting in {@code InputStream.read} into an 8 KiB array (the JDK's usual stream
 * buffer size); Netty's
 * channel has an echo handler and its default adaptive, pooled read buffers. Goal: Weft at most
 * Netty's bytes per connection.
 */
public final class IdleConnsServer {
    private IdleConnsServer() {}

    public static void main(String[] args) throws Exception {
        String impl = args[0];
        int n = Integer.parseInt(args[1]);
        CountDownLatch connected = new CountDownLatch(n);
        switch (impl) {
            case "weft-nio", "weft-blocking" -> weft(impl.substring("weft-".length()), false, n, connected);
            case "weft-nio-transfer" -> weft("nio", true, n, connected);
            case "raw" -> raw(n, connected);
            case "netty" -> netty(n, connected);
            default -> throw new IllegalArgumentException("IdleConnsServer: unknown implementation '" + impl
                    + "'; use weft-nio, weft-nio-transfer, weft-blocking, raw or netty");
        }
    }

    private static void weft(String transport, boolean transferTo, int n, CountDownLatch connected) throws Exception {
        String label = "weft-" + transport + (transferTo ? "-transfer" : "");
        Weft.run(() -> {
            try (Server server = Net.startServer((reader, writer) -> {
                connected.countDown();
                if (transferTo) {
                    reader.transferTo(writer);
                    return;
                }
                byte[] buf = new byte[8192];
                for (int r; (r = reader.readInto(buf, 0, buf.length)) > 0; ) {
                    writer.write(buf, 0, r);
                    writer.drain();
                }
            }, "127.0.0.1", 0, NetOptions.defaults().withTransport(transport))) {
                Weft.toThread(() -> {
                    measure(label, n, server.port(), connected);
                    return null;
                });
            }
        });
    }

    private static void raw(int n, CountDownLatch connected) throws Exception {
        ServerSocket server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    Thread.ofVirtual().start(() -> {
                        connected.countDown();
                        byte[] buf = new byte[8192];
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            for (int r; (r = in.read(buf)) > 0; ) {
                                out.write(buf, 0, r);
                            }
                        } catch (Exception e) {
                            // the client went away
                        }
                    });
                }
            } catch (Exception e) {
                // closed
            }
        });
        measure("raw", n, server.getLocalPort(), connected);
    }

    private static void netty(int n, CountDownLatch connected) throws Exception {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup();
        Channel channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(NettyEchoServer.echoChannels(connected::countDown))
                .bind("127.0.0.1", 0).sync().channel();
        measure("netty", n, ((java.net.InetSocketAddress) channel.localAddress()).getPort(), connected);
    }

    /** Baseline, then waits for every connection, then the figures. Runs on a plain thread. */
    private static void measure(String impl, int n, int port, CountDownLatch connected) throws Exception {
        long heapBefore = Memory.usedHeap();
        long rssBefore = Memory.residentBytes();
        System.out.println("listening " + port);
        System.out.flush();
        connected.await();
        long heapAfter = Memory.usedHeap(); // the full GCs also give the last handlers time to park
        long rssAfter = Memory.residentBytes();
        System.out.printf("{\"scenario\": \"idle_conns\", \"impl\": \"%s\", \"connections\": %d, "
                        + "\"heap_bytes_per_conn\": %.1f, \"rss_bytes_per_conn\": %.1f}%n",
                impl, n, (heapAfter - heapBefore) / (double) n, (rssAfter - rssBefore) / (double) n);
        System.out.flush();
        if (Boolean.getBoolean("idle.hold")) { // for a heap histogram: jcmd PID GC.class_histogram
            Thread.sleep(Long.MAX_VALUE);
        }
        Runtime.getRuntime().halt(0); // measured: no need to wind 10^4 connections down
    }
}

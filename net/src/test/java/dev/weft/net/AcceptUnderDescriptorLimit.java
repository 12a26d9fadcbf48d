package dev.weft.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.weft.core.LoopOptions;
import dev.weft.core.Weft;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;

/**
 * A child JVM run under {@code ulimit -n} by {@link TransportBehaviourSuite}: a server accepts,
 * the process then runs out of file descriptors while a client waits in the backlog, the
 * descriptors are freed, and the waiting client and a new one must be served within seconds,
 * with one warning logged for the episode (its retries log at debug level). Exits 0 on success; otherwise prints why and exits 1.
 */
public final class AcceptUnderDescriptorLimit {
    /** The descriptor limit of the child. */
    static final int LIMIT = 128;
    private static final String HOST = "127.0.0.1";

    private AcceptUnderDescriptorLimit() {}

    /** Runs the child for {@code transport} and fails with its output unless it recovered. */
    static void assertRecovers(String transport, boolean confined) throws Exception {
        assumeTrue(new File("/proc/self/fd").isDirectory() && new File("/bin/bash").canExecute(),
                "needs Linux and bash for ulimit -n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String modulePath = System.getProperty("jdk.module.path", "");
        String classPath = System.getProperty("java.class.path", "");
        String cp = modulePath.isEmpty() ? classPath : modulePath + File.pathSeparator + classPath;
        Path out = Files.createTempFile("weft-accept-emfile", ".log");
        try {
            Process child = new ProcessBuilder("/bin/bash", "-c", "ulimit -n " + LIMIT + " && exec \"$@\"", "bash",
                    java, "-XX:+UseSerialGC", "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", cp,
                    AcceptUnderDescriptorLimit.class.getName(), transport, Boolean.toString(confined))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean ended = child.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                child.destroyForcibly().waitFor();
            }
            String output = Files.readString(out);
            assertEquals(0, ended ? child.exitValue() : -1, transport + (confined ? ", confined loop" : "")
                    + ": the child JVM " + (ended ? "failed" : "hung for 60 s") + ":\n" + output);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    public static void main(String[] args) throws Exception {
        String transport = args[0];
        boolean confined = Boolean.parseBoolean(args[1]);
        Logger serverLog = (Logger) LoggerFactory.getLogger(Server.class);
        serverLog.setLevel(Level.DEBUG); // the retries of an episode log at debug level
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        serverLog.addAppender(events);
        NetOptions options = NetOptions.defaults().withTransport(transport);
        LoopOptions loop = confined ? LoopOptions.confined().withSlowStepThreshold(Duration.ofSeconds(10)) // cold JVM
                : LoopOptions.parallel();
        int status = Weft.run(loop, () -> {
            try (Server server = Net.startServer(TransportBehaviourSuite.ECHO_LINES, HOST, 0, options)) {
                InetSocketAddress address = new InetSocketAddress(HOST, server.port());
                for (int i = 0; i < 2; i++) { // warm up: every class the rest needs is loaded here
                    echo(address, "warm-up " + i, options);
                    waitUntil(() -> warnings(events) + failedAccepts(events) == 0, Duration.ofSeconds(1));
                }
                if (!waitUntil(() -> server.activeConnections() == 0, Duration.ofSeconds(10))) {
                    System.out.println("the warm-up connections were never closed: " + server);
                    return 1;
                }
                List<InputStream> hogs = new ArrayList<>();
                String stuck = null;
                SocketChannel waiting;
                long start;
                try {
                    try {
                        while (true) {
                            hogs.add(new FileInputStream("/dev/null"));
                        }
                    } catch (IOException full) {
                        System.out.println("descriptors exhausted after " + hogs.size() + " more: " + full);
                    }
                    hogs.remove(hogs.size() - 1).close(); // one for the client; none for the server's accept
                    waiting = SocketChannel.open(address);
                    if (!waitUntil(() -> failedAccepts(events) >= 3, Duration.ofSeconds(10))) { // three attempts
                        stuck = "the server did not fail to accept three times in 10 s: " + events.list;
                    }
                } finally {
                    for (InputStream hog : hogs) {
                        hog.close();
                    }
                }
                if (stuck != null) { // descriptors are free again: say where every thread is
                    System.out.println(stuck);
                    printThreadDump();
                    return 1;
                }
                start = System.nanoTime();
                try (waiting) {
                    waiting.socket().setSoTimeout(10_000);
                    waiting.write(ByteBuffer.wrap("waited\n".getBytes(UTF_8)));
                    byte[] reply = new byte[7];
                    int got = 0;
                    try {
                        for (int n; got < reply.length && (n = waiting.socket().getInputStream().read(reply, got,
                                reply.length - got)) > 0; ) {
                            got += n;
                        }
                    } catch (SocketTimeoutException e) {
                        System.out.println("the client that waited while descriptors ran out was never served "
                                + "(10 s); server log: " + events.list);
                        printThreadDump();
                        return 1;
                    }
                    if (!"waited\n".equals(new String(reply, 0, got, UTF_8))) {
                        System.out.println("wrong echo: " + new String(reply, 0, got, UTF_8));
                        return 1;
                    }
                }
                long recovered = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                Weft.failAfter(Duration.ofSeconds(10), () -> echo(address, "after", options));
                System.out.println(transport + ": served again " + recovered + " ms after descriptors were freed; "
                        + "server log: " + events.list);
                if (recovered > 3000) {
                    System.out.println("recovery took longer than 3 s");
                    return 1;
                }
                if (warnings(events) != 1) {
                    System.out.println("expected one warning for the episode, got " + warnings(events));
                    return 1;
                }
                return 0;
            }
        });
        System.exit(status);
    }

    private static void echo(InetSocketAddress address, String line, NetOptions options) throws IOException {
        try (Connection c = Net.openConnection(address.getHostString(), address.getPort(), options)) {
            c.writer().write((line + "\n").getBytes(UTF_8));
            String reply = new String(c.reader().readLine(), UTF_8);
            if (!reply.equals(line + "\n")) {
                throw new IllegalStateException("echo of " + line + " came back as " + reply);
            }
        }
    }

    /**
     * Prints every thread's stack, virtual threads included (the JDK's own thread dump). By
     * reflection: the test module does not read jdk.management, and this child runs on the class
     * path, where it may.
     */
    private static void printThreadDump() {
        try {
            Path dump = Files.createTempFile("weft-accept-emfile", ".threads");
            Files.delete(dump); // dumpThreads will not overwrite
            try {
                Class<?> bean = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
                Class<?> format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
                Object mx = Class.forName("java.lang.management.ManagementFactory")
                        .getMethod("getPlatformMXBean", Class.class).invoke(null, bean);
                bean.getMethod("dumpThreads", String.class, format)
                        .invoke(mx, dump.toString(), format.getField("TEXT_PLAIN").get(null));
                System.out.println("thread dump:\n" + Files.readString(dump));
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            System.out.println("no thread dump: " + e);
        }
    }

    private static long failedAccepts(ListAppender<ILoggingEvent> events) {
        synchronized (events) {
            return events.list.stream().filter(e -> e.getFormattedMessage().contains("Too many open files")).count();
        }
    }

    private static long warnings(ListAppender<ILoggingEvent> events) {
        synchronized (events) { // AppenderBase appends under the appender's lock
            return events.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
        }
    }

    /** Polls {@code condition} every 5 ms (Weft.sleep: the loop goes on) until true or {@code max}. */
    private static boolean waitUntil(BooleanSupplier condition, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Weft.sleep(5);
        }
        return true;
    }
}

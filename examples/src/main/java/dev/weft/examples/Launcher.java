package dev.weft.examples;

import dev.weft.core.CancelledException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Lists and runs the examples for {@code ./weft list} and {@code ./weft run NAME [ARGS...]}. */
public final class Launcher {
    /** One runnable example: its command-line name, main class and a one-line summary. */
    record Example(String name, Class<?> mainClass, String summary) {}

    /** Every example, in the order the guides introduce them. */
    static final List<Example> EXAMPLES = List.of(
            new Example("hello-world", HelloWorld.class,
                    "prints \"Hello, world!\" one character every 0.2 s (asyncio basics)"),
            new Example("hello-tasks", HelloTasks.class,
                    "a world task after 2 s and a hello task after 1 s, loop run for 3 s"),
            new Example("confined-counter", ConfinedCounter.class,
                    "1000 tasks update a plain counter with no lock; exact on a confined loop (--parallel to compare)"),
            new Example("schedule", Schedule.class,
                    "callSoon, callLater, callAt and a cron-like job every N s (--seconds, --every)"),
            new Example("threadsafe", Threadsafe.class,
                    "a plain thread submits work to the running loop and waits for the result"),
            new Example("to-thread", ToThread.class,
                    "a CPU-heavy call stops a confined loop's ticker inline, not in Weft.toThread"),
            new Example("clock", Clock.class,
                    "a clock task prints the time every second while main runs until disconnected (--seconds S to end)"),
            new Example("gather", GatherRequests.class,
                    "three slow requests to a local service at once; results in order, time of the slowest"),
            new Example("sync-client", SyncClient.class,
                    "client methods written once, used from plain main and from tasks (telethon.sync)"),
            new Example("echo-server", EchoServer.class,
                    "a stream echo server (start_server); --port, --transport nio|blocking, --max-clients N"),
            new Example("ipc-server", IpcServer.class,
                    "the main script of the seed's IPC: answers PING, SAY, STATS, STOP over a Unix socket (--socket) or --tcp"),
            new Example("ipc-client", IpcClient.class,
                    "another process talks to ipc-server: ipc-client [--socket PATH | --tcp] [COMMAND...]"),
            new Example("reverse-server-blocking", ReverseServerBlocking.class,
                    "the seed's synchronous toy server: plain blocking sockets, no loop, one client at a time"),
            new Example("reverse-client-blocking", ReverseClientBlocking.class,
                    "the seed's synchronous toy client: reverse-client-blocking [MESSAGE], plain blocking sockets"),
            new Example("reverse-server", ReverseServer.class,
                    "the seed's toy server: replies with the bytes reversed, many clients at once (sock_accept/recv/sendall)"),
            new Example("reverse-client", ReverseClient.class,
                    "the seed's toy client: reverse-client [MESSAGE] sends it and prints the reversed reply (sock_connect)"),
            new Example("broadcast", Broadcast.class,
                    "broadcast MESSAGE: one message to three friends at once through a local chat service, waited for with Weft.wait"),
            new Example("chat-server", ChatServer.class,
                    "a line-based chat room for nc clients: nicks, broadcast, /who, /quit; a slow client is cut off, never the room"),
            new Example("http-fetch", HttpFetch.class,
                    "http-fetch URL...: many URLs at once with the JDK's HttpClient, at most N at a time, one deadline (aiohttp)"),
            new Example("http-server", WebServer.class,
                    "an HTTP server whose handlers are tasks: deadlines, gather fan-out, streaming, 503 when full, Ctrl+C drains (quart)"),
            new Example("cron", Cron.class,
                    "cron 'EXPR': a job on a cron schedule (cron-utils), each run a task; --overrun skip|queue, --runs, --zone (aiocron)"));

    private Launcher() {}

    static Optional<Example> find(String name) {
        return EXAMPLES.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0 || args[0].equals("list")) {
            int width = EXAMPLES.stream().mapToInt(e -> e.name().length()).max().orElse(0);
            for (Example e : EXAMPLES) {
                System.out.printf("%-" + width + "s  %s%n", e.name(), e.summary());
            }
            return;
        }
        if (!args[0].equals("run") || args.length < 2) {
            System.err.println("usage: ./weft list | ./weft run NAME [ARGS...]");
            System.exit(2);
        }
        Example example = find(args[1]).orElse(null);
        if (example == null) {
            System.err.println("weft: no example named '" + args[1] + "'. The examples are:");
            EXAMPLES.forEach(e -> System.err.println("  " + e.name()));
            System.exit(2);
            return;
        }
        MethodHandle main = MethodHandles.publicLookup().findStatic(example.mainClass(), "main",
                MethodType.methodType(void.class, String[].class));
        // On Ctrl+C (or SIGTERM) the JVM halts once its shutdown hooks are done; this one holds it (up to 2 s)
        // until main has said how it ended, so that the line below is never cut off. It does not
        // wait for a main that is itself exiting (System.exit): that main never returns.
        CountDownLatch mainEnded = new CountDownLatch(1);
        Thread mainThread = Thread.currentThread();
        Thread holdExit = new Thread(() -> awaitMainEnded(mainThread, mainEnded), "weft-launcher-exit");
        Runtime.getRuntime().addShutdownHook(holdExit);
        try {
            main.invokeExact(Arrays.copyOfRange(args, 2, args.length));
        } catch (CancelledException e) {
            if (!jvmIsShuttingDown(holdExit)) {
                throw e;
            }
            // Ctrl+C or SIGTERM (a shutdown hook cannot tell which): Weft.run cancelled main and its
            // tasks, and their finally blocks have run. Say so in one line instead of a stack trace;
            // the JVM still exits with the signal's status (130, 143).
            System.err.println("weft: " + example.name() + " was stopped by a signal (Ctrl+C or SIGTERM); its tasks "
                    + "were cancelled and cleaned up");
        } finally {
            mainEnded.countDown();
        }
    }

    private static void awaitMainEnded(Thread mainThread, CountDownLatch mainEnded) {
        try {
            for (int i = 0; i < 100 && !mainEnded.await(20, TimeUnit.MILLISECONDS); i++) {
                if (Arrays.stream(mainThread.getStackTrace()).anyMatch(f -> f.getClassName().equals("java.lang.Shutdown"))) {
                    return; // main called System.exit and waits for the hooks
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once the JVM has begun to shut down (after SIGINT, say): it then refuses to drop hooks. */
    private static boolean jvmIsShuttingDown(Thread ownHook) {
        try {
            Runtime.getRuntime().removeShutdownHook(ownHook);
            Runtime.getRuntime().addShutdownHook(ownHook);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }
}

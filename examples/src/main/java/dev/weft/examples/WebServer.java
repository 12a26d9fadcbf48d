package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weft.core.CancelledException;
import dev.weft.core.CapacityLimiter;
import dev.weft.core.DeadlineExceededException;
import dev.weft.core.Event;
import dev.weft.core.Loop;
import dev.weft.core.ReturnWhen;
import dev.weft.core.Task;
import dev.weft.core.TaskScope;
import dev.weft.core.TaskScopeFailedException;
import dev.weft.core.Weft;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seed: "Mastering asyncio" (quart, "an asynchronous alternative to Flask"): an HTTP/1.1 server
 * whose request handlers are Weft tasks.
 *
 * <pre>
 * ./weft run http-server [--port 8080] [--request-timeout S] [--grace S] [--max-limited N]
 * </pre>
 *
 * <h2>Built on the JDK's com.sun.net.httpserver</h2>
 * The server is the JDK's {@code jdk.httpserver} module: no dependency, a real HTTP/1.1 parser
 * (keep-alive, chunked responses), and an {@code Executor} hook, which is all Weft needs: the
 * executor spawns each exchange as a task of the server's {@link TaskScope}, so every handler can
 * use deadlines, {@code gather} and limiters, and stopping the server cancels what is left.
 * Helidon SE or Jetty 12 would add a dependency tree, and nothing these routes need is missing.
 * One limit: this server does not read a connection while its handler runs, so a client that
 * goes away is noticed at the handler's next write (the streaming route writes every line, so it
 * ends within one line; a handler that only waits is bounded by its deadline).
 *
 * <h2>Routes</h2>
 * <ul>
 * <li>{@code /hello?name=N&delay=MS}: a greeting after an optional delay; past the per-request
 *     deadline ({@code --request-timeout}, default 10 s) the handler is cancelled and the client
 *     gets 504.</li>
 * <li>{@code /fanout?a=MS&b=MS&within=MS}: asks two slow backends ({@code /backend} on this same
 *     server, through {@link HttpClient}) at once with {@code Weft.gather} under a deadline of
 *     {@code within} ms: 200 with both answers, or 504 with both backend requests aborted.</li>
 * <li>{@code /stream?n=N&every=MS}: a chunked response, one line every {@code every} ms.</li>
 * <li>{@code /limited?delay=MS}: at most {@code --max-limited} (default 2) at a time through a
 *     {@link CapacityLimiter}; when it is full the answer is 503 with {@code Retry-After}.</li>
 * <li>{@code /backend?name=N&delay=MS}: the slow backend {@code /fanout} calls.</li>
 * <li>{@code /stats}: counters (in flight, served, timed out, client gone, cancelled, rejected).</li>
 * </ul>
 *
 * <h2>Stopping</h2>
 * Ctrl+C stops accepting at once, lets the requests in flight finish for a grace period
 * ({@code --grace}, default 5 s), then cancels the rest (they get 503 if nothing was sent yet)
 * and exits. The serving task is a task of the loop, not of main, so that cancelling main on
 * Ctrl+C does not cancel the handlers before their grace period.
 */
public final class WebServer {
    static final String USAGE = "http-server [--port 8080] [--request-timeout S] [--grace S] [--max-limited N]";

    private WebServer() {}

    /** The server's settings. */
    record Config(int port, Duration requestTimeout, Duration grace, int maxLimited) {}

    /** What {@code /stats} reports; handlers count here. */
    static final class Stats {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger served = new AtomicInteger();
        final AtomicInteger timedOut = new AtomicInteger();
        final AtomicInteger clientGone = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();
        final AtomicInteger rejected = new AtomicInteger();

        String line(CapacityLimiter limited) {
            return "in-flight=" + inFlight.get() + " served=" + served.get() + " timed-out=" + timedOut.get()
                    + " client-gone=" + clientGone.get() + " cancelled=" + cancelled.get() + " rejected=" + rejected.get()
                    + " limited-busy=" + limited.borrowedTokens() + "\n";
        }
    }

    /** A route's body: runs as the request's task, under the request's deadline. */
    @FunctionalInterface
    private interface Route {
        void handle(HttpExchange exchange, Map<String, String> query) throws IOException;
    }

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException saying what is wrong (main prints it with the usage and exits 2)
     */
    static Config parseArgs(String[] args) {
        Args a = Args.parse(args, USAGE, "--port", "--request-timeout", "--grace", "--max-limited");
        if (!a.positional().isEmpty()) {
            throw new IllegalArgumentException("takes no arguments, '" + a.positional().get(0) + "' is one too many");
        }
        Config config = new Config(a.integer("--port", 8080),
                HttpFetch.parseSeconds("--request-timeout", a.string("--request-timeout", "10")),
                HttpFetch.parseSeconds("--grace", a.string("--grace", "5")),
                a.integer("--max-limited", 2));
        if (config.port() < 0 || config.port() > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535 (0 picks a free one), not " + config.port());
        }
        if (config.maxLimited() < 1) {
            throw new IllegalArgumentException("--max-limited must be at least 1, not " + config.maxLimited());
        }
        return config;
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = parseArgs(args);
        } catch (IllegalArgumentException e) {
            throw Args.exitWithUsage("http-server", USAGE, e);
        }
        Weft.run(() -> {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 0);
            Event stop = Event.create();
            // a task of the loop, not of main: Ctrl+C cancels main, and main then asks the server
            // to drain instead of having its handlers cancelled at once
            Task<Void> serving = Loop.current().spawn("http-server", () -> serve(server, config, stop));
            System.out.println("http-server listening on http://127.0.0.1:" + server.getAddress().getPort()
                    + "/ (routes: /hello /fanout /stream /limited /stats; Ctrl+C to stop)");
            try {
                Weft.wait(List.of(serving), ReturnWhen.ALL_COMPLETED);
            } finally {
                stop.set();
                Weft.shield(() -> Weft.wait(List.of(serving), ReturnWhen.ALL_COMPLETED));
            }
            serving.join();
        });
    }

    /**
     * Serves on {@code server} (bound, not started) until {@code stop} is set, then drains: stops
     * accepting, waits up to the grace period for the requests in flight, cancels the rest, and
     * closes every connection. Call from a task; it owns the handlers' scope.
     */
    static void serve(HttpServer server, Config config, Event stop) throws IOException, InterruptedException {
        Stats stats = new Stats();
        CapacityLimiter limited = CapacityLimiter.create(config.maxLimited());
        URI self = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (HttpClient backends = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             TaskScope requests = TaskScope.openSupervisor()) {
            // every exchange (parse the request, run the handler) is a task of this scope
            server.setExecutor(exchangeWork -> requests.spawn("http exchange", exchangeWork::run));
            Map<String, Route> routes = Map.of(
                    "/hello", (ex, q) -> {
                        Weft.sleep(Duration.ofMillis(number(q, "delay", 0)));
                        respond(ex, 200, "Hello, " + q.getOrDefault("name", "world") + "!\n");
                    },
                    "/backend", (ex, q) -> {
                        Weft.sleep(Duration.ofMillis(number(q, "delay", 100)));
                        respond(ex, 200, q.getOrDefault("name", "backend") + " answered after " + number(q, "delay", 100) + " ms\n");
                    },
                    "/fanout", (ex, q) -> fanout(ex, q, backends, self),
                    "/stream", (ex, q) -> stream(ex, q),
                    "/limited", (ex, q) -> {
                        if (!limited.tryAcquire()) {
                            stats.rejected.incrementAndGet();
                            ex.getResponseHeaders().set("Retry-After", "1");
                            respond(ex, 503, "busy: " + limited.totalTokens() + " /limited requests already in flight\n");
                            return;
                        }
                        try {
                            Weft.sleep(Duration.ofMillis(number(q, "delay", 500)));
                            respond(ex, 200, "limited work done\n");
                        } finally {
                            limited.release();
                        }
                    });
            routes.forEach((path, route) -> server.createContext(path, ex -> handle(ex, route, config, stats)));
            server.createContext("/stats", ex -> respond(ex, 200, stats.line(limited)));
            server.createContext("/", ex -> respond(ex, ex.getRequestURI().getPath().equals("/") ? 200 : 404,
                    "routes: /hello?name=N&delay=MS /fanout?a=MS&b=MS&within=MS /stream?n=N&every=MS /limited?delay=MS /stats\n"));
            server.start();
            try {
                stop.awaitSet();
            } finally {
                Weft.shield(() -> drain(server, requests, config.grace(), stats));
            }
        }
    }

    /** Stops accepting, waits up to {@code grace} for the handlers, cancels the rest, closes every connection. */
    private static void drain(HttpServer server, TaskScope requests, Duration grace, Stats stats) throws InterruptedException {
        System.out.println("http-server stopping: " + requests(stats.inFlight.get()) + " in flight, grace period "
                + grace.toMillis() / 1000.0 + " s");
        // stop() closes the listening socket at once and then blocks until the exchanges are done,
        // so it runs on a thread of its own while this task watches the grace period
        Thread stopper = Thread.ofPlatform().name("http-server-stop").start(() -> server.stop((int) grace.toSeconds() + 1));
        if (!Weft.moveOnAfter(grace, requests::join)) {
            int left = stats.inFlight.get();
            requests.cancel("the server is stopping and its grace period of " + grace.toMillis() / 1000.0 + " s has passed");
            requests.join();
            System.out.println("http-server cancelled " + requests(left) + " still running after the grace period");
        }
        server.stop(0);                                  // closes the remaining (idle) connections now
        Weft.toThread(() -> {
            stopper.join();
            return null;
        });
        requests.join();                                 // exchanges handed over while the dispatcher stopped
        System.out.println("http-server stopped: " + requests(stats.served.get()) + " served");
    }

    private static String requests(int n) {
        return n + (n == 1 ? " request" : " requests");
    }

    /** Runs one route as the request's task: deadline, counting, and the answer when it cannot finish. */
    private static void handle(HttpExchange exchange, Route route, Config config, Stats stats) throws IOException {
        stats.inFlight.incrementAndGet();
        try {
            Map<String, String> query = query(exchange);
            Weft.failAfter(config.requestTimeout(), () -> route.handle(exchange, query));
            stats.served.incrementAndGet();
        } catch (IllegalArgumentException badQuery) {
            respondIfNothingSent(exchange, 400, badQuery.getMessage() + "\n");
        } catch (DeadlineExceededException e) {
            stats.timedOut.incrementAndGet();
            respondIfNothingSent(exchange, 504, "no answer within the request deadline of "
                    + config.requestTimeout().toMillis() + " ms\n");
        } catch (CancelledException e) {
            stats.cancelled.incrementAndGet();
            // the server is stopping: a bounded, shielded goodbye, then the task ends cancelled
            Weft.shield(() -> respondIfNothingSent(exchange, 503, "the server is stopping\n"));
            throw e;
        } catch (IOException e) {
            stats.clientGone.incrementAndGet();          // a write failed: the client went away
        } finally {
            exchange.close();
            stats.inFlight.decrementAndGet();
        }
    }

    /** {@code /fanout}: two backends at once under one deadline; 504 (and both aborted) if it passes. */
    private static void fanout(HttpExchange exchange, Map<String, String> q, HttpClient backends, URI self) throws IOException {
        long a = number(q, "a", 300);
        long b = number(q, "b", 600);
        long within = number(q, "within", 1000);
        long start = System.nanoTime();
        List<String> answers;
        try {
            answers = Weft.failAfter(Duration.ofMillis(within), () -> Weft.gather(
                    () -> get(backends, self.resolve("/backend?name=a&delay=" + a)),
                    () -> get(backends, self.resolve("/backend?name=b&delay=" + b))));
        } catch (DeadlineExceededException e) {
            respond(exchange, 504, "the backends did not both answer within " + within + " ms; both requests were aborted\n");
            return;
        } catch (TaskScopeFailedException e) {
            respond(exchange, 502, "a backend failed: " + e.getMessage() + "\n");
            return;
        }
        respond(exchange, 200, String.join("", answers)
                + String.format(Locale.ROOT, "both in %d ms (the slower one, not the sum)%n", (System.nanoTime() - start) / 1_000_000));
    }

    private static String get(HttpClient client, URI uri) throws IOException {
        return JdkFutures.await(client.sendAsync(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString())).body();
    }

    /** {@code /stream}: a chunked response, one line at a time; a write to a gone client throws. */
    private static void stream(HttpExchange exchange, Map<String, String> q) throws IOException {
        long n = number(q, "n", 10);
        long every = number(q, "every", 500);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);            // 0: chunked, length unknown
        OutputStream body = exchange.getResponseBody();
        for (long i = 1; i <= n; i++) {
            body.write(("line " + i + " of " + n + "\n").getBytes(UTF_8));
            body.flush();
            if (i < n) {
                Weft.sleep(Duration.ofMillis(every));
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
        }
    }

    /** Answers {@code status} unless the response has begun (then the connection is just closed). */
    private static void respondIfNothingSent(HttpExchange exchange, int status, String text) {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        try {
            respond(exchange, status, text);
        } catch (IOException clientGone) {
            // nobody to tell
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), UTF_8), URLDecoder.decode(pair.substring(eq + 1), UTF_8));
                }
            }
        }
        return query;
    }

    /**
     * A non-negative whole number from the query.
     *
     * @throws IllegalArgumentException (answered with 400) naming the parameter
     */
    private static long number(Map<String, String> query, String name, long fallback) {
        String v = query.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(name + " takes a whole number of 0 or more, not '" + v + "'");
    }
}

package dev.weft.examples;

import dev.weft.core.CancelledException;
import dev.weft.core.CapacityLimiter;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeds: "Mastering asyncio" (aiohttp, "like the infamous requests but asynchronous") and the
 * bot guide's advice to use aiohttp or httpx instead of requests: fetch many URLs at once.
 *
 * <pre>
 * ./weft run http-fetch URL... [--timeout S] [--max-concurrent N]
 * </pre>
 * Every URL is a task of one {@link TaskScope}; a {@link CapacityLimiter} lets at most N of them
 * talk to the network at a time (default 4); {@code Weft.moveOnAfter} puts one deadline over the
 * whole run (default 10 s). Each URL gets a line: status, body size and time, or the failure
 * (refused, reset, bad TLS: the others go on), or how the deadline cut it short (still waiting
 * for a slot, or in flight). A request cut by the deadline is aborted: the JDK's
 * {@link HttpClient} closes its connection (see {@link JdkFutures}). Exit status 0 when every
 * URL answered (any HTTP status), 1 otherwise, 2 for bad arguments.
 */
public final class HttpFetch {
    static final String USAGE = "http-fetch URL... [--timeout S] [--max-concurrent N]";

    private HttpFetch() {}

    /** What happened to one URL. */
    enum Kind { ANSWERED, FAILED, CUT }

    /**
     * One URL's outcome.
     *
     * @param status the HTTP status, or 0 if there was no answer
     * @param bytes the body's size in bytes
     * @param elapsed from getting a slot to the end of the body (or of the failure)
     * @param detail the failure, or how the deadline cut it; empty when answered
     */
    record Outcome(URI url, Kind kind, int status, long bytes, Duration elapsed, String detail) {
        String line() {
            String seconds = String.format(Locale.ROOT, "%6.2f s", elapsed.toNanos() / 1e9);
            return switch (kind) {
                case ANSWERED -> String.format(Locale.ROOT, "%3d %10d B %s  %s", status, bytes, seconds, url);
                case FAILED -> String.format(Locale.ROOT, "ERR %s  %s  (%s)", seconds, url, detail);
                case CUT -> String.format(Locale.ROOT, "CUT %s  %s  (%s)", seconds, url, detail);
            };
        }
    }

    /**
     * Fetches {@code urls} with at most {@code maxConcurrent} requests in flight and everything
     * done or aborted within {@code timeout}; returns one outcome per URL, in argument order. Call
     * from a task; a cancellation point.
     */
    static List<Outcome> fetchAll(HttpClient client, List<URI> urls, Duration timeout, int maxConcurrent) {
        CapacityLimiter slots = CapacityLimiter.create(maxConcurrent);
        Outcome[] outcomes = new Outcome[urls.size()];
        Weft.moveOnAfter(timeout, () -> {
            try (TaskScope scope = TaskScope.open("http-fetch")) {
                for (int i = 0; i < urls.size(); i++) {
                    int index = i;
                    scope.spawn("GET " + urls.get(i), () -> fetch(client, slots, urls.get(index), timeout, outcomes, index));
                }
                scope.join();
            }
        });
        return List.of(outcomes);
    }

    /**
     * One URL: wait for a slot, send, count the body's bytes as they arrive. Writes the outcome
     * into {@code outcomes[index]}, also when the deadline cancels it (then it rethrows).
     */
    private static void fetch(HttpClient client, CapacityLimiter slots, URI url, Duration timeout, Outcome[] outcomes, int index) {
        long queued = System.nanoTime();
        try {
            slots.acquire();
        } catch (CancelledException e) {
            outcomes[index] = new Outcome(url, Kind.CUT, 0, 0, since(queued),
                    "the " + seconds(timeout) + " deadline passed while it waited for a slot");
            throw e;
        }
        long start = System.nanoTime();
        AtomicLong bytes = new AtomicLong();
        try {
            HttpRequest request = HttpRequest.newBuilder(url).GET().build();
            HttpResponse<Void> response = JdkFutures.await(client.sendAsync(request,
                    BodyHandlers.ofByteArrayConsumer(chunk -> chunk.ifPresent(b -> bytes.addAndGet(b.length)))));
            outcomes[index] = new Outcome(url, Kind.ANSWERED, response.statusCode(), bytes.get(), since(start), "");
        } catch (CancelledException e) {
            outcomes[index] = new Outcome(url, Kind.CUT, 0, bytes.get(), since(start),
                    "the " + seconds(timeout) + " deadline passed in flight; the request was aborted");
            throw e;
        } catch (IOException | RuntimeException e) {
            outcomes[index] = new Outcome(url, Kind.FAILED, 0, bytes.get(), since(start),
                    e.getClass().getSimpleName() + ": " + message(e));
        } finally {
            slots.release();
        }
    }

    /** The exception's message, or its cause's (the HttpClient's ConnectException has none of its own). */
    private static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return "no detail";
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
    }

    /**
     * Parses an http or https URL.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static URI parseUrl(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL (" + e.getReason() + ")");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + text + "' is not an http:// or https:// URL");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("'" + text + "' has no host");
        }
        return url;
    }

    /**
     * Parses a positive number of seconds.
     *
     * @throws IllegalArgumentException naming the option and the bad value
     */
    static Duration parseSeconds(String option, String value) {
        double seconds;
        try {
            seconds = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number of seconds, not '" + value + "'");
        }
        if (!(seconds > 0) || seconds > 1e9) {
            throw new IllegalArgumentException(option + " must be more than 0 seconds, not '" + value + "'");
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    /** The command line, checked. */
    record Options(List<URI> urls, Duration timeout, int maxConcurrent) {}

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException saying what is wrong (main prints it with the usage and exits 2)
     */
    static Options parseArgs(String[] args) {
        Args a = Args.parse(args, USAGE, "--timeout", "--max-concurrent");
        if (a.positional().isEmpty()) {
            throw new IllegalArgumentException("give at least one URL");
        }
        List<URI> urls = new ArrayList<>();
        for (String u : a.positional()) {
            urls.add(parseUrl(u));
        }
        Duration timeout = parseSeconds("--timeout", a.string("--timeout", "10"));
        int maxConcurrent = a.integer("--max-concurrent", 4);
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("--max-concurrent must be at least 1, not " + maxConcurrent);
        }
        return new Options(List.copyOf(urls), timeout, maxConcurrent);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parseArgs(args);
        } catch (IllegalArgumentException e) {
            throw Args.exitWithUsage("http-fetch", USAGE, e);
        }
        List<URI> urls = options.urls();
        Duration timeout = options.timeout();
        int maxConcurrent = options.maxConcurrent();
        boolean allAnswered = Weft.run(() -> {
            try (HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()) {
                long start = System.nanoTime();
                List<Outcome> outcomes = fetchAll(client, urls, timeout, maxConcurrent);
                outcomes.forEach(o -> System.out.println(o.line()));
                long answered = outcomes.stream().filter(o -> o.kind() == Kind.ANSWERED).count();
                long failed = outcomes.stream().filter(o -> o.kind() == Kind.FAILED).count();
                System.out.printf(Locale.ROOT, "%d of %d URLs answered in %.2f s (%d failed, %d cut by the %s deadline; at most %d at a time)%n",
                        answered, urls.size(), since(start).toNanos() / 1e9, failed, urls.size() - answered - failed,
                        seconds(timeout), maxConcurrent);
                return answered == urls.size();
            }
        });
        if (!allAnswered) {
            System.exit(1);
        }
    }
}

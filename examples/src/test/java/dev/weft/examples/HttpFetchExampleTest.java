package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.weft.core.Weft;
import dev.weft.examples.HttpFetch.Kind;
import dev.weft.examples.HttpFetch.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * http-fetch against local servers only: a JDK HttpServer that answers, a port that refuses, and
 * a plain ServerSocket that reads the request and never answers (to see the aborted connection
 * from the server's side).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpFetchExampleTest {
    private HttpServer server;
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger mostConcurrent = new AtomicInteger();
    private final CountDownLatch twoInside = new CountDownLatch(2);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/bytes", ex -> {
            byte[] body = "x".repeat(1000).getBytes(UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        // counts requests inside at once; the first two wait for each other (up to 5 s) so that the limit is reached
        server.createContext("/counted", ex -> {
            int now = concurrent.incrementAndGet();
            mostConcurrent.accumulateAndGet(now, Math::max);
            try {
                twoInside.countDown();
                twoInside.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();                     // closed again: connecting is refused
        }
    }

    @Test
    void reportsEachUrlAndAFailureLosesNoOtherResult() throws Exception {
        List<URI> urls = List.of(url("/bytes"), URI.create("http://127.0.0.1:" + refusedPort() + "/"), url("/missing"));
        List<Outcome> outcomes = Weft.run(() -> {
            try (HttpClient client = HttpClient.newHttpClient()) {
                return HttpFetch.fetchAll(client, urls, Duration.ofSeconds(20), 4);
            }
        });
        assertEquals(Kind.ANSWERED, outcomes.get(0).kind(), outcomes.toString());
        assertEquals(200, outcomes.get(0).status());
        assertEquals(1000, outcomes.get(0).bytes());
        assertEquals(Kind.FAILED, outcomes.get(1).kind(), outcomes.toString());
        assertTrue(outcomes.get(1).detail().startsWith("ConnectException"), outcomes.get(1).detail());
        assertEquals(Kind.ANSWERED, outcomes.get(2).kind(), outcomes.toString());
        assertEquals(404, outcomes.get(2).status());
    }

    @Test
    void atMostMaxConcurrentRequestsAreInFlight() throws Exception {
        List<URI> urls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            urls.add(url("/counted?" + i));
        }
        List<Outcome> outcomes = Weft.run(() -> {
            try (HttpClient client = HttpClient.newHttpClient()) {
                return HttpFetch.fetchAll(client, urls, Duration.ofSeconds(30), 2);
            }
        });
        assertTrue(outcomes.stream().allMatch(o -> o.kind() == Kind.ANSWERED && o.status() == 200), outcomes.toString());
        assertEquals(2, mostConcurrent.get(), "requests inside the server at once with --max-concurrent 2");
    }

    /** Reads one request's headers, never answers, and counts down once the client has closed the connection. */
    private static Thread neverAnswering(ServerSocket listener, CountDownLatch requestRead, CountDownLatch clientClosed) {
        return Thread.ofVirtual().start(() -> {
            try (Socket s = listener.accept(); InputStream in = s.getInputStream()) {
                StringBuilder head = new StringBuilder();
                for (int b; !head.toString().endsWith("\r\n\r\n") && (b = in.read()) != -1; ) {
                    head.append((char) b);
                }
                requestRead.countDown();
                while (in.read() != -1) {
                    // the client sends nothing more; read returns -1 (or throws on reset) once it closes
                }
                clientClosed.countDown();
            } catch (IOException reset) {
                clientClosed.countDown();                // a reset is a close too
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP_1_1", "HTTP_2"})
    void theDeadlineAbortsARequestTheServerNeverAnswers(String version) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch requestRead = new CountDownLatch(1);
            CountDownLatch clientClosed = new CountDownLatch(1);
            Thread silent = neverAnswering(listener, requestRead, clientClosed);
            URI hanging = URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/never");
            List<Outcome> outcomes = Weft.run(() -> {
                try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.valueOf(version)).build()) {
                    // warm the client up so that the deadline below is spent on the silent server
                    HttpFetch.fetchAll(client, List.of(url("/bytes")), Duration.ofSeconds(20), 1);
                    return HttpFetch.fetchAll(client, List.of(url("/bytes"), hanging), Duration.ofMillis(1500), 4);
                }
            });
            assertEquals(1, requestRead.getCount() == 0 ? 1 : 0, "the silent server never got the request");
            assertEquals(Kind.ANSWERED, outcomes.get(0).kind(), "the other URL keeps its result: " + outcomes);
            assertEquals(Kind.CUT, outcomes.get(1).kind(), outcomes.toString());
            assertTrue(outcomes.get(1).detail().contains("in flight"), outcomes.get(1).detail());
            assertTrue(clientClosed.await(10, TimeUnit.SECONDS),
                    "the server still has an open connection 10 s after the deadline aborted the request");
            silent.join();
        }
    }

    @Test
    void printsOneLinePerUrlAndExitsOneWhenAUrlFailed() throws Exception {
        try (ExampleProcess fetch = ExampleProcess.start(HttpFetch.class, url("/bytes").toString(),
                "http://127.0.0.1:" + refusedPort() + "/", "--max-concurrent", "1", "--timeout", "30")) {
            assertEquals(1, fetch.awaitExit(), "output: " + fetch.lines);
            assertTrue(fetch.lines.get(0).matches("200 +1000 B .*/bytes"), fetch.lines.toString());
            assertTrue(fetch.lines.get(1).startsWith("ERR"), fetch.lines.toString());
            assertTrue(fetch.lines.get(2).startsWith("1 of 2 URLs answered"), fetch.lines.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ftp://example.org/", "http://x/ --timeout soon", "http://x/ --timeout 0",
            "http://x/ --max-concurrent 0", "http://x/ --retries 3", "http://x/ --timeout"})
    void badArgumentsAreRejectedWithAMessage(String args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpFetch.parseArgs(args.isEmpty() ? new String[0] : args.split(" ")));
        assertTrue(!e.getMessage().isBlank(), args);
    }

    @Test
    void badArgumentsPrintTheUsageAndExitTwo() throws Exception {
        try (ExampleProcess fetch = ExampleProcess.start(HttpFetch.class, "not-a-url")) {
            assertEquals(2, fetch.awaitExit(), "output: " + fetch.lines);
            assertEquals(List.of("http-fetch: 'not-a-url' is not an http:// or https:// URL; usage: " + HttpFetch.USAGE), fetch.lines);
        }
    }
}

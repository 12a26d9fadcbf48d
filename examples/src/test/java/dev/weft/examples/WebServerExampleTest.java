package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * http-server in a child JVM, through real sockets: the JDK's HttpClient, a raw socket for a
 * client that goes away, curl and wrk when installed (skipped with a message otherwise).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebServerExampleTest {
    private static ExampleProcess server;
    private static int port;
    private static HttpClient client;

    @BeforeAll
    static void startServer() throws IOException {
        server = ExampleProcess.start(WebServer.class, "--port", "0", "--request-timeout", "4", "--grace", "1");
        port = server.awaitListening();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(request(pathAndQuery), BodyHandlers.ofString());
    }

    private static HttpRequest request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build();
    }

    private static Map<String, Integer> stats(HttpClient via, int onPort) throws IOException, InterruptedException {
        String line = via.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + "/stats")).build(),
                BodyHandlers.ofString()).body().strip();
        Map<String, Integer> stats = new HashMap<>();
        for (String pair : line.split(" ")) {
            String[] kv = pair.split("=");
            stats.put(kv[0], Integer.parseInt(kv[1]));
        }
        return stats;
    }

    private static int stat(String name) throws IOException, InterruptedException {
        return stats(client, port).get(name);
    }

    @Test
    void helloAnswersOverHttp11() throws Exception {
        HttpResponse<String> r = get("/hello?name=Weft");
        assertEquals(200, r.statusCode());
        assertEquals("Hello, Weft!\n", r.body());
        assertEquals(404, get("/nowhere").statusCode());
        assertEquals(400, get("/hello?delay=soon").statusCode());
    }

    @Test
    void aHandlerPastTheRequestDeadlineIsCancelledAndTheClientGets504() throws Exception {
        int timedOut = stat("timed-out");
        long start = System.nanoTime();
        HttpResponse<String> r = get("/hello?delay=30000");
        assertEquals(504, r.statusCode(), r.body());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "504 came after the 4 s deadline, not the 30 s sleep");
        assertTrue(stat("timed-out") > timedOut);
    }

    @Test
    void fanoutGathersBothBackendsInTheTimeOfTheSlower() throws Exception {
        HttpResponse<String> r = get("/fanout?a=100&b=300&within=20000");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("a answered after 100 ms") && r.body().contains("b answered after 300 ms"), r.body());
    }

    @Test
    void fanoutPastItsDeadlineAnswers504() throws Exception {
        HttpResponse<String> r = get("/fanout?a=100&b=60000&within=300");
        assertEquals(504, r.statusCode(), r.body());
        assertTrue(r.body().contains("did not both answer within 300 ms"), r.body());
    }

    @Test
    void streamSendsItsLinesAsChunks() throws Exception {
        HttpResponse<String> r = get("/stream?n=3&every=20");
        assertEquals(200, r.statusCode());
        assertEquals("line 1 of 3\nline 2 of 3\nline 3 of 3\n", r.body());
        assertEquals("chunked", r.headers().firstValue("Transfer-Encoding").orElse(""));
    }

    @Test
    void aClientThatGoesAwayEndsTheStreamingHandler() throws Exception {
        int gone = stat("client-gone");
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write("GET /stream?n=100&every=200 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), UTF_8));
            for (String line; (line = in.readLine()) != null && !line.contains("line 1 of 100"); ) {
                // headers and the first chunk's size
            }
        }                                                // the client goes away after the first line
        // the handler's next writes fail; it ends long before its 100 lines or its 4 s deadline
        await().atMost(Duration.ofSeconds(10)).until(() -> stat("client-gone") > gone);
    }

    @Test
    void limitedAnswers503WhileItsTokensAreOut() throws Exception {
        CompletableFuture<HttpResponse<String>> first = client.sendAsync(request("/limited?delay=1500"), BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> second = client.sendAsync(request("/limited?delay=1500"), BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> stat("limited-busy") == 2);
        HttpResponse<String> third = get("/limited?delay=0");
        assertEquals(503, third.statusCode(), third.body());
        assertEquals("1", third.headers().firstValue("Retry-After").orElse(""));
        assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
        assertEquals(200, second.get(20, TimeUnit.SECONDS).statusCode());
        assertEquals(200, get("/limited?delay=0").statusCode(), "a token is free again");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8))) {
            lines = out.lines().toList();
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), command[0] + " did not finish");
        assertEquals(0, p.exitValue(), command[0] + " failed: " + lines);
        return lines;
    }

    @Test
    void curlGetsTheGreetingAndTheStream() throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed; skipping the curl test (apt-get install curl)");
        List<String> hello = run("curl", "-s", "-i", "--max-time", "20", "http://127.0.0.1:" + port + "/hello?name=curl");
        assertTrue(hello.get(0).startsWith("HTTP/1.1 200"), hello.toString());
        assertTrue(hello.contains("Hello, curl!"), hello.toString());
        List<String> stream = run("curl", "-s", "-N", "--max-time", "20", "http://127.0.0.1:" + port + "/stream?n=3&every=20");
        assertEquals(List.of("line 1 of 3", "line 2 of 3", "line 3 of 3"), stream);
    }

    @Test
    void wrkSmokeRunGetsOnlySuccesses() throws Exception {
        assumeTrue(onPath("wrk"), "wrk is not installed; skipping the load smoke run (apt-get install wrk)");
        List<String> out = run("wrk", "-t1", "-c8", "-d1s", "--timeout", "5s", "http://127.0.0.1:" + port + "/hello");
        String report = String.join("\n", out);
        assertTrue(report.contains("Requests/sec"), report);
        assertTrue(!report.contains("Non-2xx") && !report.contains("Socket errors"), report);
        int requests = Integer.parseInt(out.stream().filter(l -> l.contains("requests in")).findFirst().orElseThrow()
                .strip().split(" ")[0]);
        assertTrue(requests > 0, report);
    }

    @Test
    void ctrlCDrainsTheRequestsInFlightThenCancelsTheRest() throws Exception {
        try (ExampleProcess stopping = ExampleProcess.start(WebServer.class,
                "--port", "0", "--request-timeout", "60", "--grace", "1.5");
             HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            int p = stopping.awaitListening();
            CompletableFuture<HttpResponse<String>> quick = own.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + p + "/hello?name=quick&delay=700")).build(), BodyHandlers.ofString());
            CompletableFuture<HttpResponse<String>> slow = own.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + p + "/hello?name=slow&delay=50000")).build(), BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> stats(own, p).get("in-flight") == 2);
            new ProcessBuilder("kill", "-INT", Long.toString(stopping.process.pid())).inheritIO().start().waitFor();
            assertEquals(200, quick.get(20, TimeUnit.SECONDS).statusCode(), "the quick request finished within the grace period");
            HttpResponse<String> cut = slow.get(20, TimeUnit.SECONDS);
            assertEquals(503, cut.statusCode(), cut.body());
            assertEquals("the server is stopping\n", cut.body());
            assertEquals(130, stopping.awaitExit(), "SIGINT exit status; output: " + stopping.lines);
            assertTrue(stopping.lines.contains("http-server stopping: 2 requests in flight, grace period 1.5 s"), stopping.lines.toString());
            assertTrue(stopping.lines.contains("http-server cancelled 1 request still running after the grace period"), stopping.lines.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port eighty", "--port 70000", "--grace 0", "--request-timeout -1", "--max-limited 0", "extra"})
    void badArgumentsAreRejectedWithAMessage(String args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebServer.parseArgs(args.split(" ")));
        assertTrue(!e.getMessage().isBlank(), args);
    }

    @Test
    void badArgumentsPrintTheUsageAndExitTwo() throws Exception {
        try (ExampleProcess bad = ExampleProcess.start(WebServer.class, "--grace", "0")) {
            assertEquals(2, bad.awaitExit(), "output: " + bad.lines);
            assertEquals(List.of("http-server: --grace must be more than 0 seconds, not '0'; usage: " + WebServer.USAGE), bad.lines);
        }
    }
}

package dev.weft.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the seed's own Python socket programs (verbatim copies in {@code src/test/python/}) with
 * {@code python3}, on a port of the test's choosing, through {@code seed_run.py}. Tests that use
 * it are skipped, with a message saying so, where no {@code python3} is on the machine.
 */
final class SeedPrograms {
    static final Path DIR = Path.of("src", "test", "python");

    private SeedPrograms() {}

    /** Skips the calling test unless {@code python3} runs. */
    static void assumePython() {
        assumeTrue(pythonRuns(), "python3 is not on PATH: the seed's own Python clients and servers were not run "
                + "against the examples; install python3 to run this test");
    }

    private static boolean pythonRuns() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts {@code script} (relative to src/test/python) with its port 6789 moved to {@code port}. */
    static Process start(String script, int port) throws IOException {
        return new ProcessBuilder("python3", DIR.resolve("seed_run.py").toString(), DIR.resolve(script).toString(),
                Integer.toString(port)).start();
    }

    /** Starts a seed server on a free port and returns it once it listens; its port is {@link #port}. */
    static Server startServer(String script) throws IOException {
        Process p = start(script, 0);
        String line = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null || !line.startsWith("seed_run: listening on ")) {
            p.destroyForcibly();
            throw new AssertionError("the seed's " + script + " did not start listening; it said: " + line);
        }
        return new Server(p, Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1)));
    }

    record Server(Process process, int port) implements AutoCloseable {
        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /**
     * Runs the seed client {@code script} against {@code port} and returns its standard output's
     * lines; fails if it has not finished within {@code seconds} (it got no reply) or failed.
     */
    static List<String> runClient(String script, int port, int seconds) throws IOException, InterruptedException {
        Process p = start(script, port);
        try {
            p.getOutputStream().close();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                byte[] printed = p.getInputStream().readNBytes(p.getInputStream().available());
                throw new AssertionError("the seed's " + script + " got no reply within " + seconds + " s (the server "
                        + "did not answer a client that sends a line and waits without closing its side); it printed: "
                        + lines(printed));
            }
            List<String> out = lines(p.getInputStream().readAllBytes());
            if (p.exitValue() != 0) {
                throw new AssertionError("the seed's " + script + " failed with status " + p.exitValue() + "; output: "
                        + out + "; errors: " + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    private static List<String> lines(byte[] bytes) {
        return new ArrayList<>(new String(bytes, StandardCharsets.UTF_8).lines().toList());
    }
}

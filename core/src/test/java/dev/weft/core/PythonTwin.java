package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a CPython twin of a scenario and returns the trace it prints, one line per list element.
 *
 * <p>A twin is a small asyncio (or Trio-free, plain asyncio) program in {@code core/src/test/python/}
 * that performs the same scenario as a Weft test and prints one line per observable step. The Weft
 * test builds its own trace and compares it with {@link #assertSameTrace}: the reference is
 * CPython's behaviour, not our reading of it. Where no {@code python3} 3.11+ is on the machine the
 * test is skipped with a message that says so (the Java half still runs in its own tests).
 */
final class PythonTwin {
    private static final Path DIR = Path.of("src", "test", "python");

    private PythonTwin() {}

    /** Runs {@code src/test/python/NAME.py} with python3 and returns its standard output's lines. */
    static List<String> trace(String name) throws IOException, InterruptedException {
        Path script = DIR.resolve(name + ".py");
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException("no twin at " + script.toAbsolutePath()
                    + ": write the scenario's CPython twin there first");
        }
        assumeTrue(pythonAvailable(), "python3 (3.11 or newer) is not on PATH: the CPython twin "
                + name + ".py was not run; install python3 to compare against asyncio");
        Process p = new ProcessBuilder("python3", script.toString())
                .redirectErrorStream(false)
                .start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("twin " + name + ".py did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("twin " + name + ".py exited with " + p.exitValue() + ":\n"
                    + new String(err, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }

    /** Asserts that the Weft trace equals the CPython twin's trace, line for line. */
    static void assertSameTrace(String name, List<String> weftTrace) throws Exception {
        assertEquals(trace(name), weftTrace, "Weft's trace differs from CPython's twin " + name + ".py");
    }

    private static volatile Boolean available;

    private static boolean pythonAvailable() {
        Boolean a = available;
        if (a == null) {
            try {
                Process p = new ProcessBuilder("python3", "-c",
                        "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                a = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                a = false;
            }
            available = a;
        }
        return a;
    }
}

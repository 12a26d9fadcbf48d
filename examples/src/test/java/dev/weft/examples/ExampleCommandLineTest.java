package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every example meets bad command lines as a command-line tool does: an unknown option, an extra
 * argument or a value that is not a number gets one line saying what was wrong and the usage, and
 * exit status 2; never a stack trace, and never a run that ignores what it was given.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExampleCommandLineTest {
    /** The examples that take positional words (a message, commands); the others take none. */
    private static final Set<String> TAKE_WORDS = Set.of("broadcast", "reverse-client", "reverse-client-blocking",
            "ipc-client", "http-fetch", "cron");

    /** Runs each command line in a child JVM, four at a time; each one's exit status and output. */
    private static Map<String, ExampleOutcome> runAll(Map<String, List<String>> commandLines) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Map<String, Future<ExampleOutcome>> futures = new LinkedHashMap<>();
            commandLines.forEach((label, line) -> futures.put(label, pool.submit(() -> ExampleOutcome.of(line))));
            Map<String, ExampleOutcome> outcomes = new LinkedHashMap<>();
            for (var f : futures.entrySet()) {
                outcomes.put(f.getKey(), f.getValue().get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    record ExampleOutcome(Integer status, List<String> lines) {
        static ExampleOutcome of(List<String> nameAndArgs) throws Exception {
            Class<?> main = Launcher.find(nameAndArgs.get(0)).orElseThrow().mainClass();
            // quick to start: these runs end at their command line (or should)
            try (ExampleProcess p = ExampleProcess.start(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED"), main, nameAndArgs.subList(1, nameAndArgs.size())
                    .toArray(String[]::new))) {
                p.process.getOutputStream().close();
                if (!p.process.waitFor(20, TimeUnit.SECONDS)) {
                    return new ExampleOutcome(null, List.of("(still running after 20 s: it ignored the bad argument)"));
                }
                p.awaitExit();
                return new ExampleOutcome(p.process.exitValue(), p.lines);
            }
        }

        String describe() {
            return "status " + status + ", output " + lines;
        }
    }

    private static void assertUsageErrors(Map<String, List<String>> commandLines, Map<String, String> expected)
            throws Exception {
        Map<String, ExampleOutcome> outcomes = runAll(commandLines);
        List<String> wrong = new ArrayList<>();
        outcomes.forEach((label, o) -> {
            String text = String.join("\n", o.lines());
            boolean ok = o.status() != null && o.status() == 2 && o.lines().size() == 1
                    && text.contains(expected.get(label)) && text.contains("usage: ");
            if (!ok) {
                wrong.add(label + " -> " + o.describe());
            }
        });
        assertTrue(wrong.isEmpty(), "expected one line with the problem and the usage, and status 2, for:\n"
                + String.join("\n", wrong));
    }

    @Test
    void everyExampleRejectsAnUnknownOptionWithItsUsage() throws Exception {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (Launcher.Example e : Launcher.EXAMPLES) {
            lines.put(e.name(), List.of(e.name(), "--no-such-option", "1"));
            expected.put(e.name(), "unknown option --no-such-option");
        }
        assertUsageErrors(lines, expected);
    }

    @Test
    void examplesRejectArgumentsTheyDoNotTake() throws Exception {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (Launcher.Example e : Launcher.EXAMPLES) {
            if (!TAKE_WORDS.contains(e.name())) {
                lines.put(e.name(), List.of(e.name(), "extra"));
                expected.put(e.name(), "takes no arguments, 'extra' is one too many");
            }
        }
        for (String oneWord : List.of("broadcast", "reverse-client", "reverse-client-blocking")) {
            lines.put(oneWord, List.of(oneWord, "Hello", "there"));
            expected.put(oneWord, "too many arguments, 'there' is one too many (quote a message that has spaces)");
        }
        assertUsageErrors(lines, expected);
    }

    @Test
    void badValuesGetTheirUsage() throws Exception {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        lines.put("schedule --every x", List.of("schedule", "--every", "x"));
        expected.put("schedule --every x", "--every takes a number of seconds (such as 2 or 0.5), not 'x'");
        lines.put("schedule --every 0", List.of("schedule", "--every", "0"));
        expected.put("schedule --every 0", "--every takes a number of seconds from 0.001 up, not '0'");
        lines.put("schedule --seconds", List.of("schedule", "--seconds"));
        expected.put("schedule --seconds", "--seconds needs a value");
        lines.put("reverse-server --port x", List.of("reverse-server", "--port", "x"));
        expected.put("reverse-server --port x", "--port takes a whole number, not 'x'");
        lines.put("chat-server --max-behind 0", List.of("chat-server", "--max-behind", "0"));
        expected.put("chat-server --max-behind 0", "--max-behind must be at least 1");
        lines.put("broadcast", List.of("broadcast"));
        expected.put("broadcast", "You must pass the message to broadcast! usage: broadcast MESSAGE");
        lines.put("ipc-server --tcp --socket s", List.of("ipc-server", "--tcp", "--socket", "s"));
        expected.put("ipc-server --tcp --socket s", "--socket and --tcp exclude each other");
        assertUsageErrors(lines, expected);
    }

    @Test
    void scheduleStillRunsWithGoodValues() throws Exception {
        ExampleOutcome o = ExampleOutcome.of(List.of("schedule", "--seconds", "0.6", "--every", "0.25"));
        assertEquals(0, o.status(), o.describe());
        assertTrue(o.lines().contains("[ 0.5 s] every 0.25 s: job run 2"), o.describe());
    }
}

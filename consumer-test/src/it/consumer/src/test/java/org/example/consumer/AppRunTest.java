package org.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs App in a child JVM the way this test JVM was started: as module org.example.consumer from
 * the module path, or from the class path.
 */
class AppRunTest {
    record Run(int exit, String out, String err) {}

    static Run runApp(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        if (App.class.getModule().isNamed()) {
            command.add("--module-path");
            command.add(System.getProperty("jdk.module.path"));
            command.add("--module");
            command.add("org.example.consumer/org.example.consumer.App");
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("org.example.consumer.App");
        }
        command.addAll(List.of(args));
        Path out = Files.createTempFile("app", ".out");
        Path err = Files.createTempFile("app", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "App did not finish: " + command);
        Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void theTestsRunWhereThisExecutionPutThem() {
        assertEquals(System.getProperty("consumer.path"), App.class.getModule().isNamed() ? "module path" : "class path");
        assertEquals(App.class.getModule().isNamed(), dev.weft.core.Weft.class.getModule().isNamed());
    }

    @Test
    void theTaskScopeProgramJoinsBothTasks() throws Exception {
        Run run = runApp();
        assertEquals(0, run.exit(), run.err());
        assertEquals("result ab", run.out().strip());
    }

    @Test
    void withoutAnSlf4jProviderAnUnretrievedFailureStillReachesStderrOnce() throws Exception {
        Run run = runApp("lose-a-failure");
        assertEquals(0, run.exit(), run.err());
        assertEquals("result ab\ndone", run.out().strip().replace("\r", ""));
        assertEquals(1, count(run.err(), "Task exception was never retrieved"), run.err());
        assertEquals(1, count(run.err(), "java.lang.IllegalStateException: nobody retrieved me"), run.err());
        assertTrue(run.err().contains("forgotten"), run.err());
        assertEquals(1, count(run.err(), "no SLF4J provider is bound"), run.err());
        assertTrue(run.err().contains("add an SLF4J 2 provider"), run.err());
    }
}

package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ctrl+C (SIGINT) cancels Weft.run's main; its finally blocks run before the JVM exits. */
class CtrlCShutdownTest {

    @Test
    void sigintCancelsMainAndRunsItsFinallyBlocksBeforeExit() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SleepsUntilInterrupted.class.getName())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertEquals("started", line, "the child did not start its task");
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
            for (String l; (l = out.readLine()) != null; ) {
                lines.add(l);
            }
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child did not exit after SIGINT");
        assertTrue(lines.contains("main finally ran"), "output: " + lines);
        assertTrue(lines.contains("child finally ran"), "output: " + lines);
        assertEquals(130, p.exitValue(), "SIGINT exit status; output: " + lines);
    }
}

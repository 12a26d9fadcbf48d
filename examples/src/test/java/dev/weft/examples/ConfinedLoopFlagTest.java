package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without --add-opens, a confined loop fails loudly with the flag to add; never silently parallel. */
class ConfinedLoopFlagTest {

    @Test
    void confinedLoopWithoutTheFlagFailsWithAMessageNamingIt() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ConfinedCounter.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), output);
        assertTrue(output.contains("UnsupportedOperationException"), output);
        assertTrue(output.contains("--add-opens java.base/java.lang=ALL-UNNAMED"), output);
        assertTrue(!output.contains("counter ="), "it must not have run on another kind of loop: " + output);
    }
}

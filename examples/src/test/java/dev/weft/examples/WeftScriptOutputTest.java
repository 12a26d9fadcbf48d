package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code ./weft} launcher script prints plain text: its help, and Maven's output without colour codes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WeftScriptOutputTest {
    private static final Path SCRIPT = Path.of("..", "weft").toAbsolutePath().normalize();

    private static String run(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = SCRIPT.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(100, TimeUnit.SECONDS), "./weft did not finish; output: " + out);
        assertEquals(0, p.exitValue(), "./weft " + String.join(" ", args) + " failed; output: " + out);
        return out;
    }

    @Test
    void helpShowsTheCommandsAndNoScriptLine() throws Exception {
        String help = run("help");
        assertTrue(help.startsWith("Weft's launcher."), help);
        assertTrue(help.contains("./weft run NAME [ARGS...]"), help);
        assertFalse(help.contains("set -euo pipefail"), "a line of the script leaked into the help: " + help);
        assertFalse(help.contains("#"), help);
    }

    @Test
    void mavenRunByTheScriptPrintsNoColourCodes() throws Exception {
        String out = run("test", "--version");              // Maven, run as ./weft runs it, prints its version
        assertTrue(out.contains("Apache Maven"), out);
        assertFalse(out.contains("\u001b"), "Maven's output through ./weft has terminal escape codes: "
                + out.replace("\u001b", "ESC"));
    }
}

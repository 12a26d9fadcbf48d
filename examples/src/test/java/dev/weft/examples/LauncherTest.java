package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void listShowsEveryExampleOnOneLineWithItsSummary() throws Throwable {
        ExampleRun run = ExampleRun.of(Launcher::main, "list");
        String[] lines = run.output().split("\n");
        assertEquals(Launcher.EXAMPLES.size(), lines.length);
        for (int i = 0; i < lines.length; i++) {
            Launcher.Example e = Launcher.EXAMPLES.get(i);
            assertTrue(lines[i].startsWith(e.name() + " "), lines[i]);
            assertTrue(lines[i].endsWith(e.summary()), lines[i]);
        }
    }

    @Test
    void exampleNamesAreUniqueAndEachClassHasAMain() throws Throwable {
        var names = new HashSet<String>();
        for (Launcher.Example e : Launcher.EXAMPLES) {
            assertTrue(names.add(e.name()), "duplicate example name " + e.name());
            e.mainClass().getMethod("main", String[].class);
        }
    }
}

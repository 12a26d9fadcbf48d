package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatherExampleTest {

    @Test
    void threeRequestsComeBackInArgumentOrderInAboutTheSlowestOnesTime() throws Throwable {
        ExampleRun run = ExampleRun.of(GatherRequests::main);
        List<String> lines = run.output().lines().toList();
        assertEquals(List.of("messages done after 900 ms", "send done after 300 ms", "photo done after 600 ms"),
                lines.subList(0, 3), run.output());
        assertTrue(lines.get(3).startsWith("elapsed: "), run.output());
        // about the slowest (0.9 s), far from the sum (1.8 s); generous bounds
        assertTrue(run.elapsed().compareTo(Duration.ofMillis(900)) >= 0, "too fast: " + run.elapsed());
        assertTrue(run.elapsed().compareTo(Duration.ofMillis(1700)) < 0, "requests ran one after another: " + run.elapsed());
    }
}

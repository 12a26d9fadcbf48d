package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BroadcastExampleTest {

    @Test
    void threeFriendsGetTheMessageInAboutOneSendsTime() throws Throwable {
        ExampleRun run = ExampleRun.of(Broadcast::main, "I bought a car!");
        List<String> lines = run.output().lines().toList();
        assertEquals(5, lines.size(), run.output());
        assertEquals("sending 'I bought a car!' to 3 friends at once", lines.get(0));
        List<String> friends = List.of("@friend1__username", "@friend2__username", "@bestie__username");
        for (int i = 0; i < 3; i++) {
            String delivery = lines.get(1 + i);
            assertTrue(delivery.matches("delivered to " + friends.get(i) + ": 'I bought a car!' \\(at \\d+\\.\\d s\\)"),
                    delivery);
        }
        assertTrue(lines.get(4).startsWith("all 3 sends done in "), run.output());
        // each delivery takes 1 s; at once they take about 1 s, one after another 3 s (generous bounds)
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(1)) >= 0, "too fast: " + run.elapsed());
        assertTrue(run.elapsed().compareTo(Duration.ofMillis(1900)) < 0,
                "the sends did not overlap: " + run.elapsed() + "\n" + run.output());
    }

    @Test
    void withoutAMessageItSaysWhatToPassAndExitsWithStatus2() throws Exception {
        try (ExampleProcess broadcast = ExampleProcess.start(Broadcast.class)) {
            assertEquals(2, broadcast.awaitExit());
            assertEquals(List.of("You must pass the message to broadcast! usage: broadcast MESSAGE"), broadcast.lines);
        }
    }
}

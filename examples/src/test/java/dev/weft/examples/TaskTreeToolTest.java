package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ./weft tasks PID: the tree of a running example, read from outside its process. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskTreeToolTest {

    @Test
    void printsTheTaskTreeOfARunningExample() throws Exception {
        try (ExampleProcess clock = ExampleProcess.start(Clock.class)) {
            assertTrue(clock.nextLine().endsWith("running until disconnected (Ctrl+C to stop)"), clock.lines.toString());
            assertTrue(clock.nextLine().startsWith("The time: "), clock.lines.toString());
            String tree = TaskTree.dump(clock.process.pid(), false);
            System.out.println(tree);
            assertTrue(tree.matches("(?s)loop weft-loop-\\d+ \\(running\\), \\d+ tasks\n  scope 'loop'\n    task 'main' .*"), tree);
            assertTrue(tree.contains("sleeps, due in"), tree);
            String json = TaskTree.dump(clock.process.pid(), true);
            assertTrue(json.startsWith("{\"loop\":\"weft-loop-"), json);
            assertTrue(json.contains("\"name\":\"main\""), json);
        }
    }
}

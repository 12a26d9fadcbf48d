package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HelloExamplesTest {

    @Test
    void helloWorldPrintsOneCharacterEveryFifthOfASecond() throws Throwable {
        ExampleRun run = ExampleRun.of(HelloWorld::main);
        assertEquals("Hello, world!\n", run.output());
        // 14 characters, each followed by a 0.2 s sleep: about 2.8 s; generous bounds.
        assertTrue(run.elapsed().compareTo(Duration.ofMillis(2700)) >= 0, "too fast: " + run.elapsed());
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(8)) < 0, "too slow: " + run.elapsed());
    }

    @Test
    void helloTasksPrintsHelloBeforeWorldAndRunsForThreeSeconds() throws Throwable {
        ExampleRun run = ExampleRun.of(HelloTasks::main);
        assertEquals("hello\nworld\n", run.output());
        assertTrue(run.elapsed().compareTo(Duration.ofMillis(2900)) >= 0, "too fast: " + run.elapsed());
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(8)) < 0, "too slow: " + run.elapsed());
    }
}

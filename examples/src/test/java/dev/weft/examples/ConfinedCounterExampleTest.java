package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.RepeatedTest;

class ConfinedCounterExampleTest {

    @RepeatedTest(3)
    void confinedLoopCountsEveryUpdateWithoutALock() throws Throwable {
        ExampleRun run = ExampleRun.of(ConfinedCounter::main);
        assertEquals("confined loop: counter = 100000, expected 100000 (exact)\n", run.output());
    }
}

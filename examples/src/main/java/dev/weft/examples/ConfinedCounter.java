package dev.weft.examples;

import dev.weft.core.LoopOptions;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;

/**
 * The guides' promise (seed "An Introduction to Asyncio": one task runs at a time and switches
 * only at await points): many tasks update a plain counter with no lock, each yielding between
 * updates. On a confined loop the total is exact every time. {@code --parallel} runs the same
 * code on a parallel loop, where the unguarded read-modify-write loses updates.
 */
public final class ConfinedCounter {
    private static long counter;

    private ConfinedCounter() {}

    public static void main(String[] args) throws Exception {
        boolean parallel = Args.parseOrExit(args, "confined-counter [--parallel]", java.util.Set.of("--parallel"), 0)
                .has("--parallel");
        int tasks = 1_000;
        int rounds = 100;
        counter = 0;
        LoopOptions options = parallel ? LoopOptions.parallel() : LoopOptions.confined();
        Weft.run(options, () -> {
            try (var scope = TaskScope.open()) {
                for (int t = 0; t < tasks; t++) {
                    scope.spawn(() -> {
                        for (int r = 0; r < rounds; r++) {
                            long seen = counter;   // read ...
                            counter = seen + 1;    // ... modify, write: no await in between
                            Weft.yieldNow();       // the await point: other tasks run here
                        }
                    });
                }
                scope.join();
            }
        });
        long expected = (long) tasks * rounds;
        System.out.printf("%s loop: counter = %d, expected %d%s%n", parallel ? "parallel" : "confined", counter,
                expected, counter == expected ? " (exact)" : " (" + (expected - counter) + " updates lost)");
    }
}

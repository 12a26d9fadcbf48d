package dev.weft.examples;

import dev.weft.core.LoopOptions;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seed: "asyncio and You" (what blocks a loop, and asyncio.to_thread). On a confined loop (one
 * task at a time, as in asyncio) a CPU-heavy function run inline holds the loop: the ticker stops.
 * Moved off the loop with {@code Weft.toThread}, it runs on a platform thread and the ticker keeps
 * ticking.
 */
public final class ToThread {
    private ToThread() {}

    /** About {@code millis} of CPU work that never blocks. */
    static long spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long n = 0;
        while (System.nanoTime() < end) {
            n++;
        }
        return n;
    }

    static int ticksDuring(boolean offTheLoop) throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        Weft.run(LoopOptions.confined().withSlowStepThreshold(Duration.ZERO), () -> {
            try (var scope = TaskScope.open()) {
                var ticker = scope.spawn("ticker", () -> {
                    while (true) {
                        Weft.sleep(Duration.ofMillis(100));
                        ticks.incrementAndGet();
                    }
                });
                Weft.yieldNow();
                if (offTheLoop) {
                    Weft.toThread(() -> spin(1000));
                } else {
                    spin(1000);
                }
                ticker.cancel("done");
                scope.join();
            }
        });
        return ticks.get();
    }

    public static void main(String[] args) throws Exception {
        Args.parseOrExit(args, "to-thread", 0);
        System.out.println("blocking call on the loop:   ticker ticked " + ticksDuring(false) + " times in 1 s");
        System.out.println("blocking call in toThread:   ticker ticked " + ticksDuring(true) + " times in 1 s");
    }
}

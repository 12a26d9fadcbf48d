package dev.weft.examples;

import dev.weft.core.Loop;
import dev.weft.core.Weft;
import java.time.Duration;

/**
 * Seeds: "Notes on asyncio" (call_soon, call_later) and "An Introduction to Asyncio" (call_at),
 * plus "Mastering asyncio"'s hint at aiocron: callbacks scheduled on the loop, and a cron-like
 * job that runs every N seconds until the program ends. {@code --seconds S} sets how long the
 * loop runs (default 3.5), {@code --every N} the job's period (default 1).
 */
public final class Schedule {
    private Schedule() {}

    public static void main(String[] args) throws Exception {
        Args options = Args.parseOrExit(args, "schedule [--seconds S] [--every N]", 0, "--seconds", "--every");
        Duration runFor = options.seconds("--seconds", Duration.ofMillis(3500));
        Duration every = options.seconds("--every", Duration.ofSeconds(1));
        Weft.run(() -> {
            Loop loop = Loop.current();
            long start = loop.time();
            loop.callSoon(() -> say(loop, start, "call_soon: as soon as the loop is free"));
            loop.callLater(Duration.ofMillis(500), () -> say(loop, start, "call_later: 0.5 s after scheduling"));
            loop.callAt(start + Duration.ofMillis(1500).toNanos(), () -> say(loop, start, "call_at: at loop time +1.5 s"));
            loop.spawn("cron", () -> {
                // every N seconds, on the loop clock: the next run is due at start + k * N,
                // so a slow run does not shift the ones after it
                for (long k = 1; ; k++) {
                    long due = start + k * every.toNanos();
                    Weft.sleep(Duration.ofNanos(Math.max(0, due - loop.time())));
                    say(loop, start, "every " + every.toMillis() / 1000.0 + " s: job run " + k);
                }
            });
            Weft.sleep(runFor);
        });
    }

    private static void say(Loop loop, long start, String what) {
        System.out.printf("[%4.1f s] %s%n", (loop.time() - start) / 1e9, what);
    }
}

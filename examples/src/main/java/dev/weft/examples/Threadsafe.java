package dev.weft.examples;

import dev.weft.core.Loop;
import dev.weft.core.Task;
import dev.weft.core.Weft;
import java.time.Duration;

/**
 * Seed: "Notes on asyncio" (run_coroutine_threadsafe, call_soon_threadsafe): a plain platform
 * thread, outside the loop, spawns a task on the running loop and waits for its result, and
 * schedules a callback on it.
 */
public final class Threadsafe {
    private Threadsafe() {}

    public static void main(String[] args) throws Exception {
        Args.parseOrExit(args, "threadsafe", 0);
        Weft.run(() -> {
            Loop loop = Loop.current();
            Thread worker = Thread.ofPlatform().name("plain-worker").start(() -> {
                Task<String> reply = loop.spawn(() -> {
                    Weft.sleep(Duration.ofMillis(200));   // runs as a task on the loop
                    return "computed on the loop";
                });
                System.out.println("plain thread got: " + reply.join());
                loop.callSoon(() -> System.out.println("callback scheduled from the plain thread ran on the loop"));
            });
            Weft.toThread(() -> {
                worker.join();            // wait for the plain thread without blocking the loop
                return null;
            });
            Weft.yieldNow();
            Weft.sleep(Duration.ofMillis(50)); // let the callback run before main returns
        });
    }
}

package dev.weft.examples;

import dev.weft.core.Loop;
import dev.weft.core.Weft;
import java.time.Duration;

/**
 * Seed: "Mastering asyncio", "What are async, await and coroutines?" - a world task that prints
 * after 2 s and a hello task that prints after 1 s, with the loop run for 3 s. "hello" comes
 * first although its task was created second: each task runs until its await, then the loop
 * runs whichever is ready.
 */
public final class HelloTasks {
    private HelloTasks() {}

    static void hello(Duration delay) {
        Weft.sleep(delay);
        System.out.println("hello");
    }

    static void world(Duration delay) {
        Weft.sleep(delay);
        System.out.println("world");
    }

    public static void main(String[] args) {
        Args.parseOrExit(args, "hello-tasks", 0);
        try (Loop loop = Loop.open()) {
            loop.spawn(() -> world(Duration.ofSeconds(2)));
            loop.spawn(() -> hello(Duration.ofSeconds(1)));
            loop.runUntilComplete(() -> Weft.sleep(Duration.ofSeconds(3)));
        }
    }
}

package dev.weft.examples;

import dev.weft.core.Weft;
import java.time.Duration;

/**
 * Seed: "Mastering asyncio", "What are asyncio basics?" - print "Hello, world!" one character
 * every 0.2 s. Each sleep is an await point: the task parks and the loop is free for others.
 */
public final class HelloWorld {
    private HelloWorld() {}

    public static void main(String[] args) throws Exception {
        Args.parseOrExit(args, "hello-world", 0);
        Weft.run(() -> {
            for (char c : "Hello, world!\n".toCharArray()) {
                System.out.print(c);
                System.out.flush();
                Weft.sleep(Duration.ofMillis(200));
            }
        });
    }
}

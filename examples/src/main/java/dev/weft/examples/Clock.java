package dev.weft.examples;

import dev.weft.core.Loop;
import dev.weft.core.Weft;
import dev.weft.net.Connection;
import dev.weft.net.Net;
import dev.weft.net.Server;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Seed: "Mastering asyncio", "client.run_until_disconnected() blocks!": all that
 * {@code run_until_disconnected} does is keep the loop running until the client is disconnected,
 * and a running loop runs all its tasks; so to run other code, create a task for it. Here a clock
 * task, made with {@code loop.spawn} ({@code loop.create_task(clock())}), prints the time every
 * second while main blocks in {@link #runUntilDisconnected}.
 *
 * <p>The client is connected to a small service started in the same process, which plays
 * Telegram's part. With {@code --seconds S} the service hangs up after S seconds, the client is
 * disconnected and main returns; without it the program runs until Ctrl+C. Either way the clock
 * task is still running when main ends, and {@code Weft.run} cancels it and waits for it before
 * the loop closes, so nothing is left behind.
 *
 * <pre>
 * ./weft run clock [--seconds S]
 * </pre>
 */
public final class Clock {
    static final String USAGE = "clock [--seconds S]";
    /** How the seed's {@code print('The time:', datetime.now())} shows a time. */
    static final DateTimeFormatter PYTHON_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private Clock() {}

    /** The seed's {@code async def clock()}. */
    static void clock() {
        while (true) {
            System.out.println("The time: " + LocalDateTime.now().format(PYTHON_DATETIME));
            Weft.sleep(Duration.ofSeconds(1));                           // await asyncio.sleep(1)
        }
    }

    /** Blocks until the service closes the connection (Telethon's {@code run_until_disconnected}). */
    static void runUntilDisconnected(Connection client) throws IOException {
        while (client.reader().read(4096).length > 0) {
            // updates would be handled here; this service sends none
        }
    }

    /** The stand-in for Telegram: keeps each client connected for {@code connectedFor}, or until cancelled. */
    static Server startService(Duration connectedFor) throws IOException {
        return Net.startServer((reader, writer) -> {
            if (connectedFor == null) {
                reader.read(1);                                          // until the client goes
            } else {
                Weft.sleep(connectedFor);                                // then hang up
            }
        }, "127.0.0.1", 0);
    }

    public static void main(String[] args) throws Exception {
        Duration connectedFor = Args.parseOrExit(args, USAGE, 0, "--seconds").seconds("--seconds", null);
        Weft.run(() -> {
            long start = System.nanoTime();
            try (Server service = startService(connectedFor);
                 Connection client = Net.openConnection("127.0.0.1", service.port())) {
                System.out.println("connected to the service at 127.0.0.1:" + service.port() + "; running until "
                        + (connectedFor == null ? "disconnected (Ctrl+C to stop)"
                                : "disconnected (the service hangs up after " + connectedFor.toMillis() / 1000.0 + " s)"));
                Loop.current().spawn("clock", Clock::clock);             // loop.create_task(clock())
                runUntilDisconnected(client);                            // client.run_until_disconnected()
            }
            System.out.printf("disconnected after %.1f s; the loop cancels the clock task as it closes%n",
                    (System.nanoTime() - start) / 1e9);
        });
    }
}

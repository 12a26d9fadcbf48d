package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.core.ReturnWhen;
import dev.weft.core.Task;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import dev.weft.net.Connection;
import dev.weft.net.Net;
import dev.weft.net.Server;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Seed: "An Introduction to Asyncio", "A Real Example" (broadcast.py): send one message to your
 * three best friends at the same time, and wait for all three sends with {@code asyncio.wait}.
 * Telegram is played by a small chat service started in the same process, which takes about a
 * second to deliver each message. The three sends run as tasks and {@link Weft#wait} waits until
 * all are done (its default in asyncio, {@code ALL_COMPLETED}), so the broadcast takes about one
 * second, not three.
 *
 * <pre>
 * ./weft run broadcast "I bought a car!"
 * </pre>
 * As with {@code asyncio.wait}, one failed send does not stop the others: the tasks run in a
 * supervisor scope, and each outcome is read from its task afterwards.
 */
public final class Broadcast {
    static final List<String> FRIENDS = List.of("@friend1__username", "@friend2__username", "@bestie__username");
    /** How long the chat service takes to deliver one message. */
    static final Duration DELIVERY = Duration.ofSeconds(1);

    private Broadcast() {}

    /** The stand-in for Telegram: reads "TO MESSAGE", delivers it (slowly), confirms with one line. */
    static Server startChatService() throws IOException {
        return Net.startServer((reader, writer) -> {
            String[] request = new String(reader.readLine(), UTF_8).strip().split(" ", 2);
            Weft.sleep(DELIVERY);                                 // the network and the far side
            writer.write(("delivered to " + request[0] + ": '" + request[1] + "'\n").getBytes(UTF_8));
            writer.drain();
        }, "127.0.0.1", 0);
    }

    /** The client's side of Telethon's {@code send_message}: one connection per message. */
    static String sendMessage(int port, String to, String message) throws IOException {
        try (Connection conn = Net.openConnection("127.0.0.1", port)) {
            conn.writer().write((to + " " + message.replace('\n', ' ') + "\n").getBytes(UTF_8));
            return new String(conn.reader().readLine(), UTF_8).strip();
        }
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parseOrExit(args, "broadcast MESSAGE", 1);
        if (a.positional().isEmpty()) {
            throw a.usageError("You must pass the message to broadcast!");   // the seed's words
        }
        String message = a.positional().get(0);
        Weft.run(() -> {
            try (Server chat = startChatService()) {
                int port = chat.port();
                System.out.println("sending '" + message + "' to " + FRIENDS.size() + " friends at once");
                long start = System.nanoTime();
                try (TaskScope sends = TaskScope.openSupervisor()) {
                    List<Task<String>> tasks = FRIENDS.stream()
                            .map(friend -> sends.spawn(() -> sendMessage(port, friend, message)
                                    + String.format(" (at %.1f s)", seconds(start))))
                            .toList();
                    Weft.wait(tasks, ReturnWhen.ALL_COMPLETED);   // await asyncio.wait([...])
                    for (int i = 0; i < tasks.size(); i++) {
                        Task<String> send = tasks.get(i);
                        System.out.println(send.state() == Future.State.SUCCESS ? send.resultNow()
                                : "could not send to " + FRIENDS.get(i) + ": " + send.exceptionNow());
                    }
                }
                System.out.printf("all %d sends done in %.1f s (each takes %.1f s; one after another would take %.1f s)%n",
                        FRIENDS.size(), seconds(start), DELIVERY.toMillis() / 1000.0,
                        FRIENDS.size() * DELIVERY.toMillis() / 1000.0);
            }
        });
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}

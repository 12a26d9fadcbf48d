package dev.weft.examples;

import dev.weft.core.Body;
import dev.weft.core.Loop;
import dev.weft.core.Weft;
import java.time.Duration;

/**
 * Seed: "Mastering asyncio", "What does telethon.sync do?": a small client library whose methods
 * are written once and work from plain code with no loop boilerplate (the call runs a loop to
 * completion) and from inside tasks (the call just runs). Weft needs no rewriting of methods:
 * with virtual threads there is no coroutine object to await, only a call that blocks.
 */
public final class SyncClient {
    private SyncClient() {}

    /** A toy client: each call takes a while, as a network request would. */
    static final class Client {
        String getMe() {
            return call(() -> {
                Weft.sleep(Duration.ofMillis(100));
                return "me (@weft_user)";
            });
        }

        String sendMessage(String to, String text) {
            return call(() -> {
                Weft.sleep(Duration.ofMillis(100));
                return "sent '" + text + "' to " + to;
            });
        }

        /** Inside a loop: just run. Outside: run a loop for this call, like telethon.sync. */
        private static <T> T call(Body<T, RuntimeException> body) {
            if (insideALoop()) {
                return body.call();
            }
            return Weft.run(body);
        }

        private static boolean insideALoop() {
            try {
                Loop.current();
                return true;
            } catch (IllegalStateException noLoop) {
                return false;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Args.parseOrExit(args, "sync-client", 0);
        Client client = new Client();
        System.out.println("plain main: " + client.getMe());
        System.out.println("plain main: " + client.sendMessage("me", "Using Weft!"));
        Weft.run(() -> {
            var both = Weft.gather(client::getMe, () -> client.sendMessage("me", "from a task"));
            System.out.println("inside tasks, at once: " + both);
        });
    }
}

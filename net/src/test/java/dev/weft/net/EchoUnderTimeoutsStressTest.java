package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.DeadlineExceededException;
import dev.weft.core.Task;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many clients echo random-sized messages through a {@code transferTo} server on the nio
 * transport while their reads are cut short by random deadlines, and some pause between messages
 * (so the selector moves between polling and blocking, and reading is armed, kept armed for
 * nobody and disarmed in every order). Every message must come back whole and in order: a
 * timed-out read loses nothing and the connection goes on. Each client's choices come from its
 * own random source ({@code seed + index}); replay with {@code -Dweft.stress.seed=N}.
 */
class EchoUnderTimeoutsStressTest {
    private static final long SEED = Long.getLong("weft.stress.seed", 0xEC40L);

    @Test
    @Timeout(60)
    void aQuickRoundOfEchoesUnderRandomReadDeadlinesLosesNothing() throws Exception {
        run(10, 300);
    }

    @Test
    @Tag("stress")
    @Timeout(600)
    void aHundredThousandEchoesUnderRandomReadDeadlinesLoseNothing() throws Exception {
        run(100, 1_000);
    }

    private static void run(int clients, int messagesEach) throws Exception {
        System.out.printf("EchoUnderTimeoutsStressTest: %d clients x %d messages, seed %d%n", clients, messagesEach, SEED);
        NetOptions options = NetOptions.defaults().withTransport("nio");
        long[] timeouts = new long[clients];
        Weft.run(() -> {
            try (Server server = Net.startServer((r, w) -> r.transferTo(w), "127.0.0.1", 0, options);
                 TaskScope scope = TaskScope.open()) {
                List<Task<Long>> tasks = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    SplittableRandom random = new SplittableRandom(SEED + c);
                    tasks.add(scope.spawn(() -> client(server.port(), options, random, messagesEach)));
                }
                scope.join();
                for (int c = 0; c < clients; c++) {
                    timeouts[c] = tasks.get(c).join();
                }
            }
        });
        long total = 0;
        for (long t : timeouts) {
            total += t;
        }
        assertTrue(total > 0, "no read ever timed out: the deadlines did not reach the path under test");
    }

    /** Sends and checks {@code messages} echoes; returns how many reads timed out on the way. */
    private static long client(int port, NetOptions options, SplittableRandom random, int messages) throws Exception {
        long timedOut = 0;
        try (Connection conn = Net.openConnection("127.0.0.1", port, options)) {
            for (int m = 0; m < messages; m++) {
                byte[] sent = new byte[1 + random.nextInt(random.nextInt(10) == 0 ? 200_000 : 3_000)];
                random.nextBytes(sent);
                conn.writer().write(sent);
                conn.writer().drain();
                if (random.nextInt(20) == 0) {
                    Weft.sleep(Duration.ofMillis(random.nextInt(5))); // let the selector stop polling
                }
                byte[] back = null;
                while (back == null) {
                    Duration deadline = Duration.ofNanos(random.nextLong(2_000_000));
                    try {
                        back = Weft.failAfter(deadline, () -> conn.reader().readExactly(sent.length));
                    } catch (DeadlineExceededException e) {
                        timedOut++; // what arrived stays buffered for the next try
                    }
                }
                assertEquals(sent.length, back.length);
                assertArrayEquals(sent, back, "message " + m);
            }
            conn.writer().shutdownOutput();
            assertEquals(0, conn.reader().read(1).length, "nothing more than what was sent came back");
        }
        return timedOut;
    }
}

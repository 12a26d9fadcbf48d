package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When several clauses are ready, each gets its share. The random source is seeded, so each test
 * sees the same sequence of choices on every run: the shares asserted are those of that sequence.
 */
@Timeout(10)
class SelectFairnessTest {
    private static final int ROUNDS = 10_000;

    @Test
    void twoAlwaysReadyChannelsShareTheWins() {
        Weft.run(() -> {
            Channel<String> a = Channel.open(Channel.UNBOUNDED);
            Channel<String> b = Channel.open(Channel.UNBOUNDED);
            for (int i = 0; i < ROUNDS; i++) {
                a.sender().send("a");
                b.sender().send("b");
            }
            SplittableRandom random = new SplittableRandom(42);
            int aWins = 0;
            for (int i = 0; i < ROUNDS; i++) {
                String won = Select.select(random, List.of(
                        a.receiver().onReceive(x -> x), b.receiver().onReceive(x -> x)));
                if (won.equals("a")) {
                    aWins++;
                }
            }
            assertShare(aWins, ROUNDS, 2);
        });
    }

    @Test
    void anEndedChannelDoesNotStarveALiveOne() {
        Weft.run(() -> {
            Channel<Integer> live = Channel.open(Channel.UNBOUNDED);
            Channel<Integer> ended = Channel.open(0);
            ended.sender().close();
            for (int i = 0; i < ROUNDS; i++) {
                live.sender().send(i);
            }
            SplittableRandom random = new SplittableRandom(7);
            int liveWins = 0;
            int next = 0;
            for (int i = 0; i < ROUNDS; i++) {
                Integer got = Select.select(random, List.of(
                        live.receiver().onReceive(x -> x),
                        ended.receiver().onReceive(x -> x, () -> null)));
                if (got != null) {
                    assertEquals(next++, got, "the live channel's items come in order");
                    liveWins++;
                }
            }
            assertShare(liveWins, ROUNDS, 2);
        });
    }

    @Test
    void threeReadyClausesOfWhichOneIsASendEachGetAThird() {
        Weft.run(() -> {
            Channel<String> a = Channel.open(Channel.UNBOUNDED);
            Channel<String> b = Channel.open(Channel.UNBOUNDED);
            Channel<String> sink = Channel.open(Channel.UNBOUNDED);
            for (int i = 0; i < ROUNDS; i++) {
                a.sender().send("a");
                b.sender().send("b");
            }
            SplittableRandom random = new SplittableRandom(2024);
            int[] wins = new int[3];
            for (int i = 0; i < ROUNDS; i++) {
                int won = Select.select(random, List.of(
                        a.receiver().onReceive(x -> 0), b.receiver().onReceive(x -> 1), sink.sender().onSend("s", () -> 2)));
                wins[won]++;
            }
            for (int w : wins) {
                assertShare(w, ROUNDS, 3);
            }
            assertEquals(wins[2], sink.sender().statistics().bufferedItems(), "each send win sent exactly one item");
        });
    }

    /** {@code wins} is within 20% of an equal share of {@code rounds} among {@code ways}. */
    private static void assertShare(int wins, int rounds, int ways) {
        double share = (double) wins / rounds;
        double fair = 1.0 / ways;
        assertTrue(Math.abs(share - fair) < fair * 0.2, "share " + share + ", fair " + fair);
    }
}

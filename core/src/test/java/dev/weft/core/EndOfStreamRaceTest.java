package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The race of issue 15 (item 2), driven on purpose: a waiting receiver (or getter) is cancelled
 * while, on another thread, an item is sent to it and the channel is closed (or the queue shut
 * down), and another party then sees the end. Whichever way each round goes, the item is received
 * exactly once, and nothing comes out of the channel or queue after its end was seen: before the
 * fix, a receiver handed the item as it was cancelled put it back after the end had been
 * delivered, and it was lost to everyone who stops at the end.
 *
 * <p>The acting party is a platform thread, so that it runs truly alongside the waiter on both
 * loop kinds (the suite runs on each); the waiter is hit while it is between queueing and parking,
 * where on a parallel loop it spins or yields first. Deterministic replays of each interleaving are
 * in {@code HandOverCancellationTest}.
 */
class EndOfStreamRaceTest {
    /** Rounds per scenario in the normal build: before the fix, 2 to 6 of 2,000 went wrong. */
    private static final int ROUNDS = 1_000;
    /** Rounds per scenario of the stress run ({@code -Pstress}). */
    private static final int STRESS_ROUNDS = 10_000;

    /** How one round ended for the waiter and for the party that looked after the end. */
    private record Round(Object waiter, Object after, Object leftover) {}

    @Test
    @Timeout(120)
    void anItemSentToAReceiverBeingCancelledIsNeverReceivedAfterTheEndOfTheChannel() throws Exception {
        channelRounds(ROUNDS);
    }

    @Test
    @Timeout(120)
    void anItemPutToAGetterBeingCancelledIsNeverGotAfterTheQueueShutDown() throws Exception {
        queueRounds(ROUNDS);
    }

    @Test
    @Tag("stress")
    @Timeout(1200)
    void manyRoundsOfBothRacesLoseNothing() throws Exception {
        channelRounds(STRESS_ROUNDS);
        queueRounds(STRESS_ROUNDS);
    }

    private static void channelRounds(int n) throws Exception {
        for (int capacity : new int[] {0, 1}) {
            List<Round> rounds = race(n, () -> {
                Channel<String> ch = Channel.open(capacity);
                return new Party(
                        () -> ch.receiver().receive(),
                        () -> ch.receiver().statistics().waitingReceivers() == 1,
                        () -> {
                            if (!ch.sender().trySend("item")) {
                                return "not sent";
                            }
                            ch.sender().close();
                            return ch.receiver().tryReceive().orElse(null);
                        },
                        () -> ch.receiver().tryReceive().orElse(null));
            });
            check("Channel.open(" + capacity + ")", rounds);
        }
    }

    private static void queueRounds(int n) throws Exception {
        List<Round> rounds = race(n, () -> {
            Queue<String> q = Queue.fifo();
            return new Party(
                    q::get,
                    () -> q.statistics().getters() == 1,
                    () -> {
                        q.put("item");
                        q.shutdown();
                        return q.tryGet().orElse(null);
                    },
                    () -> q.tryGet().orElse(null));
        });
        check("Queue.fifo()", rounds);
    }

    /**
     * One round's parties: the {@code waiter}'s blocking call; {@code queued}, true once it waits;
     * {@code act}, run on another thread right after it is cancelled (sends and ends, then looks
     * once more); {@code drain}, what is left once everything is done.
     */
    private record Party(Callable<String> waiter, BooleanSupplier queued, Callable<String> act,
                         Callable<String> drain) {}

    private static List<Round> race(int rounds, Callable<Party> setUp) throws Exception {
        List<Round> out = new ArrayList<>(rounds);
        for (int i = 0; i < rounds; i++) {
            Party p = setUp.call();
            AtomicReference<Object> after = new AtomicReference<>();
            AtomicReference<Object> leftover = new AtomicReference<>();
            Object waiter = Weft.run(() -> {
                try (var scope = TaskScope.open()) {
                    Task<Object> t = scope.spawn(() -> outcome(p.waiter()));
                    Thread actor = Thread.ofPlatform().start(() -> {
                        while (!p.queued().getAsBoolean()) {
                            Thread.onSpinWait();
                        }
                        t.cancel("cancelled as the item arrives");
                        after.set(outcome(p.act()));
                    });
                    Object w = t.join();
                    actor.join();
                    scope.join();
                    leftover.set(outcome(p.drain()));
                    return w;
                }
            });
            out.add(new Round(waiter, after.get(), leftover.get()));
        }
        return out;
    }

    /** What {@code call} returned, or the exception it threw (a cancellation included). */
    private static Object outcome(Callable<String> call) {
        try {
            return call.call();
        } catch (Exception e) {
            return e;
        }
    }

    /**
     * The item went to exactly one party; whoever saw the end got no item afterwards: if the
     * actor saw the end, the waiter has the item; nothing is left once the end was seen.
     */
    private static void check(String what, List<Round> rounds) {
        int lost = 0;
        int waiterKept = 0;
        int cancelledFirst = 0;
        for (Round r : rounds) {
            boolean sent = !"not sent".equals(r.after());
            boolean waiterGot = "item".equals(r.waiter());
            boolean afterGot = "item".equals(r.after());
            boolean leftGot = "item".equals(r.leftover());
            int holders = (waiterGot ? 1 : 0) + (afterGot ? 1 : 0) + (leftGot ? 1 : 0);
            if (holders != (sent ? 1 : 0) || (leftGot && !(r.after() instanceof String))) {
                lost++;
                if (lost == 1) {
                    System.out.println("EndOfStreamRaceTest " + what + ": first bad round " + r);
                }
            }
            if (waiterGot) {
                waiterKept++;
            } else {
                cancelledFirst++;
            }
        }
        System.out.printf("EndOfStreamRaceTest %s on a %s loop: %d rounds, waiter kept the item %d, "
                        + "cancelled first %d, item lost or seen after the end %d%n", what,
                LoopOptions.defaults().isConfined() ? "confined" : "parallel", rounds.size(), waiterKept,
                cancelledFirst, lost);
        if (lost > 0) {
            fail(what + ": in " + lost + " of " + rounds.size() + " rounds the item was lost or came out after "
                    + "the end had been seen");
        }
        for (Round r : rounds) {
            if (!"item".equals(r.waiter())) {
                assertInstanceOf(Exception.class, r.waiter(), "a waiter that did not get the item was cancelled");
            }
            assertEquals(true, r.leftover() == null || r.leftover() instanceof Exception,
                    "nothing is left after the round: " + r);
        }
    }
}

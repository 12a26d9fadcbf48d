package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SelectChoiceTest {

    @Test
    void selectPicksTheReadyClause() {
        Weft.run(() -> {
            Channel<String> a = Channel.open(1);
            Channel<String> b = Channel.open(1);
            b.sender().send("from b");
            String got = Select.select(
                    a.receiver().onReceive(x -> "a: " + x),
                    b.receiver().onReceive(x -> "b: " + x));
            assertEquals("b: from b", got);
            assertEquals(0, b.receiver().statistics().bufferedItems());
        });
    }

    @Test
    void aWaitingSelectTakesFromTheFirstChannelToBeReadyAndOnlyFromIt() {
        Weft.run(() -> {
            Channel<String> a = Channel.open(0);
            Channel<String> b = Channel.open(0);
            try (var scope = TaskScope.open()) {
                Task<String> selector = scope.spawn(() -> Select.select(
                        a.receiver().onReceive(x -> "a: " + x),
                        b.receiver().onReceive(x -> "b: " + x)));
                SyncTesting.awaitUntil(() -> a.receiver().statistics().waitingReceivers() == 1
                        && b.receiver().statistics().waitingReceivers() == 1);
                b.sender().send("hello");
                scope.join();
                assertEquals("b: hello", selector.resultNow());
            }
            assertEquals(0, a.receiver().statistics().waitingReceivers(), "the select left a's queue");
            assertFalse(a.sender().trySend("nobody"), "no receiver is left on a");
        });
    }

    @Test
    void exactlyOneOfTwoSendsHappens() {
        Weft.run(() -> {
            Channel<String> a = Channel.open(0);
            Channel<String> b = Channel.open(0);
            try (var scope = TaskScope.open()) {
                Task<String> selector = scope.spawn(() -> Select.select(
                        a.sender().onSend("to a", () -> "sent to a"),
                        b.sender().onSend("to b", () -> "sent to b")));
                SyncTesting.awaitUntil(() -> a.sender().statistics().waitingSenders() == 1
                        && b.sender().statistics().waitingSenders() == 1);
                assertEquals("to a", a.receiver().receive());
                scope.join();
                assertEquals("sent to a", selector.resultNow());
            }
            assertEquals(Optional.empty(), b.receiver().tryReceive(), "the other send did not happen");
            assertEquals(0, b.sender().statistics().waitingSenders());
        });
    }

    @Test
    void aSelectCanMixSendsAndReceives() {
        Weft.run(() -> {
            Channel<Integer> in = Channel.open(0);
            Channel<Integer> out = Channel.open(1);
            String r = Select.select(
                    in.receiver().onReceive(x -> "received " + x),
                    out.sender().onSend(7, () -> "sent"));
            assertEquals("sent", r, "the buffer had room");
            assertEquals(7, out.receiver().receive());
        });
    }

    @Test
    void anEndedChannelEndsTheSelectOrGivesItsOnEndResult() {
        Weft.run(() -> {
            Channel<String> done = Channel.open(0);
            Channel<String> idle = Channel.open(0);
            done.sender().close();
            EndOfChannelException e = assertThrows(EndOfChannelException.class,
                    () -> Select.select(done.receiver().onReceive(x -> x), idle.receiver().onReceive(x -> x)));
            assertTrue(e.getMessage().contains("onEnd"), e.getMessage());
            assertEquals("ended", Select.select(done.receiver().onReceive(x -> x, () -> "ended"),
                    idle.receiver().onReceive(x -> x)));
        });
    }

    @Test
    void aWaitingSelectSeesTheEndWhenTheLastSenderCloses() {
        Weft.run(() -> {
            Channel<String> a = Channel.open(0);
            Channel<String> b = Channel.open(0);
            try (var scope = TaskScope.open()) {
                Task<String> selector = scope.spawn(() -> Select.select(
                        a.receiver().onReceive(x -> x, () -> "a ended"),
                        b.receiver().onReceive(x -> x, () -> "b ended")));
                SyncTesting.awaitUntil(() -> a.receiver().statistics().waitingReceivers() == 1
                        && b.receiver().statistics().waitingReceivers() == 1);
                a.sender().close();
                scope.join();
                assertEquals("a ended", selector.resultNow());
            }
        });
    }

    @Test
    void closedAndBrokenClausesMakeTheSelectThrow() {
        Weft.run(() -> {
            Channel<String> a = Channel.open(0);
            Channel<String> b = Channel.open(0);
            a.receiver().close();
            assertThrows(BrokenChannelException.class, () -> Select.select(a.sender().onSend("x", () -> 1)));
            b.receiver().close();
            assertThrows(ClosedResourceException.class, () -> Select.select(b.receiver().onReceive(x -> 1)));
        });
    }

    @Test
    void closingAHandleAWaitingSelectUsesWakesItWithClosedResource() {
        Weft.run(() -> {
            Channel<String> a = Channel.open(0);
            Channel<String> b = Channel.open(0);
            ReceiveChannel<String> mine = a.receiver().clone();
            try (var scope = TaskScope.open()) {
                Task<ClosedResourceException> selector = scope.spawn(() -> assertThrows(ClosedResourceException.class,
                        () -> Select.select(mine.onReceive(x -> x), b.receiver().onReceive(x -> x))));
                SyncTesting.awaitUntil(() -> b.receiver().statistics().waitingReceivers() == 1);
                mine.close();
                scope.join();
                String message = selector.resultNow().getMessage();
                assertTrue(message.contains("closed by another task"), message);
            }
            assertEquals(0, b.receiver().statistics().waitingReceivers(), "the select left b's queue");
        });
    }

    @Test
    void aCancelledSelectLeavesEveryQueueAndTakesNothing() {
        Weft.run(() -> {
            Channel<String> a = Channel.open(0);
            Channel<String> b = Channel.open(0);
            assertFalse(Weft.moveOnAfter(Duration.ofMillis(20), () -> Select.select(
                    a.receiver().onReceive(x -> x), b.sender().onSend("never", () -> "sent"))));
            assertEquals(new Channel.Statistics(0, 0, 1, 1, 0, 0), a.receiver().statistics());
            assertEquals(new Channel.Statistics(0, 0, 1, 1, 0, 0), b.sender().statistics());
            assertFalse(a.sender().trySend("x"));
            assertEquals(Optional.empty(), b.receiver().tryReceive());
            a.sender().close();
            SyncTesting.whileCancelled(() -> assertThrows(CancelledException.class,
                    () -> Select.select(a.receiver().onReceive(x -> x, () -> "ended"))));
        });
    }

    @Test
    void trySelectNeverWaits() {
        Weft.run(() -> {
            Channel<String> a = Channel.open(1);
            assertEquals(Optional.empty(), Select.trySelect(a.receiver().onReceive(x -> x)));
            a.sender().send("x");
            assertEquals(Optional.of("got x"), Select.trySelect(a.receiver().onReceive(x -> "got " + x)));
            SyncTesting.whileCancelled(() -> assertEquals(Optional.empty(),
                    Select.trySelect(a.receiver().onReceive(x -> x)), "not a checkpoint"));
        });
    }

    @Test
    void twoSelectsOnOppositeEndsOfAChannelMeet() {
        Weft.run(() -> {
            Channel<Integer> ch = Channel.open(0);
            Channel<Integer> idleForSender = Channel.open(0);
            Channel<Integer> idleForReceiver = Channel.open(0);
            try (var scope = TaskScope.open()) {
                Task<String> sender = scope.spawn(() -> Select.select(
                        ch.sender().onSend(42, () -> "sent"),
                        idleForSender.receiver().onReceive(x -> "unused")));
                SyncTesting.awaitUntil(() -> ch.sender().statistics().waitingSenders() == 1);
                String got = Select.select(
                        ch.receiver().onReceive(x -> "got " + x),
                        idleForReceiver.receiver().onReceive(x -> "unused"));
                scope.join();
                assertEquals("got 42", got);
                assertEquals("sent", sender.resultNow());
            }
            assertEquals(0, idleForSender.receiver().statistics().waitingReceivers());
        });
    }

    @Test
    void badInputIsRefused() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Select.select());
        assertTrue(none.getMessage().contains("at least one clause"), none.getMessage());
        Channel<String> a = Channel.open(0);
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> Select.select(a.receiver().onReceive(x -> x), null));
        assertTrue(npe.getMessage().contains("clause #1"), npe.getMessage());
        assertThrows(NullPointerException.class,
                () -> Select.select(null, List.of(a.receiver().onReceive(x -> x))));
        assertThrows(IllegalArgumentException.class, () -> Select.select(new SplittableRandom(1), List.of()));
    }
}

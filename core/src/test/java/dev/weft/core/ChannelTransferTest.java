package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ChannelTransferTest {

    @Test
    void aRendezvousSendWaitsUntilAReceiverTakesTheItem() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(0);
            assertFalse(ch.sender().trySend("nobody listens"));
            try (var scope = TaskScope.open()) {
                Task<Void> sender = scope.spawn(() -> ch.sender().send("hi"));
                SyncTesting.awaitUntil(() -> ch.sender().statistics().waitingSenders() == 1);
                assertFalse(sender.isDone());
                assertEquals("hi", ch.receiver().receive());
                scope.join();
            }
            try (var scope = TaskScope.open()) {
                Task<String> receiver = scope.spawn(() -> ch.receiver().receive());
                SyncTesting.awaitUntil(() -> ch.receiver().statistics().waitingReceivers() == 1);
                assertTrue(ch.sender().trySend("taken at once"));
                scope.join();
                assertEquals("taken at once", receiver.resultNow());
            }
        });
    }

    @Test
    void aBufferedSendWaitsOnlyWhenTheBufferIsFull() {
        Weft.run(() -> {
            Channel<Integer> ch = Channel.open(2);
            ch.sender().send(1);
            ch.sender().send(2);
            assertFalse(ch.sender().trySend(3));
            assertFalse(Weft.moveOnAfter(Duration.ofMillis(20), () -> ch.sender().send(3)));
            assertEquals(new Channel.Statistics(2, 2, 1, 1, 0, 0), ch.sender().statistics());
            assertEquals(1, ch.receiver().receive());
            assertTrue(ch.sender().trySend(3));
            assertEquals(List.of(2, 3), List.of(ch.receiver().receive(), ch.receiver().receive()));
        });
    }

    @Test
    void sendersAndReceiversAreServedInArrivalOrder() {
        List<String> log = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            Channel<Integer> ch = Channel.open(0);
            try (var scope = TaskScope.open()) {
                for (int i = 0; i < 3; i++) {
                    int item = i;
                    scope.spawn(() -> ch.sender().send(item));
                    SyncTesting.awaitUntil(() -> ch.sender().statistics().waitingSenders() == item + 1);
                }
                List<Integer> got = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    got.add(ch.receiver().receive());
                }
                assertEquals(List.of(0, 1, 2), got);
                for (int i = 0; i < 3; i++) {
                    int id = i;
                    scope.spawn(() -> log.add("receiver" + id + " got " + ch.receiver().receive()));
                    SyncTesting.awaitUntil(() -> ch.receiver().statistics().waitingReceivers() == id + 1);
                }
                for (int i = 0; i < 3; i++) {
                    ch.sender().send(i);
                }
                scope.join();
            }
        });
        assertEquals(3, log.size());
        assertTrue(log.containsAll(List.of("receiver0 got 0", "receiver1 got 1", "receiver2 got 2")), log.toString());
    }

    @Test
    void manySendersAndReceiversLoseAndDuplicateNothing() {
        Weft.run(() -> {
            Channel<Integer> ch = Channel.open(3);
            List<Integer> got = new CopyOnWriteArrayList<>();
            try (var scope = TaskScope.open()) {
                for (int s = 0; s < 4; s++) {
                    int base = s * 1000;
                    SendChannel<Integer> out = ch.sender().clone();
                    scope.spawn(() -> {
                        try (out) {
                            for (int i = 0; i < 500; i++) {
                                out.send(base + i);
                            }
                        }
                    });
                }
                ch.sender().close();
                for (int r = 0; r < 3; r++) {
                    ReceiveChannel<Integer> in = ch.receiver().clone();
                    scope.spawn(() -> {
                        try (in) {
                            for (int x : in) {
                                got.add(x);
                            }
                        }
                    });
                }
                ch.receiver().close();
                scope.join();
            }
            assertEquals(2000, got.size());
            assertEquals(2000, got.stream().distinct().count());
        });
    }

    @Test
    void aCancelledReceiverTakesNothingAndAnItemHandedToItAsItIsCancelledIsNotLost() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(0);
            try (var scope = TaskScope.open()) {
                Task<String> r = scope.spawn(() -> ch.receiver().receive());
                SyncTesting.awaitUntil(() -> ch.receiver().statistics().waitingReceivers() == 1);
                r.cancel("gone");
                SyncTesting.awaitUntil(() -> ch.receiver().statistics().waitingReceivers() == 0);
                assertFalse(ch.sender().trySend("x"), "no receiver is left");
                scope.join();
            }
            for (int round = 0; round < 20; round++) {
                AtomicReference<String> got = new AtomicReference<>();
                Event never = Event.create();
                try (var scope = TaskScope.open()) {
                    Task<Void> r = scope.spawn(() -> {
                        got.set(ch.receiver().receive());
                        never.awaitSet();
                    });
                    SyncTesting.awaitUntil(() -> ch.receiver().statistics().waitingReceivers() == 1);
                    assertTrue(ch.sender().trySend("item"));
                    r.cancel("too late");
                    scope.join();
                }
                Optional<String> left = ch.receiver().tryReceive();
                assertTrue(got.get() != null ^ left.isPresent(), got.get() + " / " + left);
            }
        });
    }

    @Test
    void aTimedOutSendDoesNotDeliverItsItem() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(0);
            assertThrows(DeadlineExceededException.class,
                    () -> Weft.failAfter(Duration.ofMillis(10), () -> ch.sender().send("late")));
            assertEquals(0, ch.sender().statistics().waitingSenders());
            assertEquals(Optional.empty(), ch.receiver().tryReceive());
        });
    }

    @Test
    void sendAndReceiveAreCheckpointsEvenWhenReady() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(1);
            SyncTesting.whileCancelled(() -> assertThrows(CancelledException.class, () -> ch.sender().send("x")));
            assertEquals(0, ch.sender().statistics().bufferedItems());
            ch.sender().send("y");
            SyncTesting.whileCancelled(() -> assertThrows(CancelledException.class, ch.receiver()::receive));
            assertEquals(1, ch.sender().statistics().bufferedItems());
        });
    }

    @Test
    void badInputIsRefusedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Channel.open(-1));
        assertTrue(e.getMessage().contains("rendezvous"), e.getMessage());
        Channel<String> ch = Channel.open(1);
        assertThrows(NullPointerException.class, () -> ch.sender().trySend(null));
        assertThrows(NullPointerException.class, () -> ch.sender().onSend(null, () -> 1));
        assertThrows(NullPointerException.class, () -> ch.receiver().onReceive(null));
    }
}

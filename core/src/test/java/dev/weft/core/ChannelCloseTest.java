package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** End of channel, broken channel and closed handle: three outcomes, three exceptions. */
@Timeout(10)
class ChannelCloseTest {

    @Test
    void closingTheLastSenderEndsTheChannelAfterTheBufferedItems() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(4);
            ch.sender().send("a");
            ch.sender().send("b");
            ch.sender().close();
            assertEquals("a", ch.receiver().receive());
            assertEquals(Optional.of("b"), ch.receiver().tryReceive());
            EndOfChannelException end = assertThrows(EndOfChannelException.class, ch.receiver()::receive);
            assertTrue(end.getMessage().contains("ended"), end.getMessage());
            assertThrows(EndOfChannelException.class, ch.receiver()::tryReceive);
        });
    }

    @Test
    void iterationStopsAtTheEndInsteadOfThrowing() {
        Weft.run(() -> {
            Channel<Integer> ch = Channel.open(0);
            List<Integer> got = new ArrayList<>();
            try (var scope = TaskScope.open()) {
                scope.spawn(() -> {
                    try (SendChannel<Integer> out = ch.sender()) {
                        for (int i = 0; i < 5; i++) {
                            out.send(i);
                        }
                    }
                });
                try (ReceiveChannel<Integer> in = ch.receiver()) {
                    for (int x : in) {
                        got.add(x);
                    }
                }
                scope.join();
            }
            assertEquals(List.of(0, 1, 2, 3, 4), got);
        });
    }

    @Test
    void theChannelEndsOnlyWhenEveryCloneOfTheSenderIsClosed() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(Channel.UNBOUNDED);
            SendChannel<String> second = ch.sender().clone();
            assertEquals(2, ch.sender().statistics().openSenders());
            ch.sender().close();
            second.send("still open");
            assertEquals("still open", ch.receiver().receive());
            try (var scope = TaskScope.open()) {
                Task<EndOfChannelException> waiting = scope.spawn(
                        () -> assertThrows(EndOfChannelException.class, ch.receiver()::receive));
                SyncTesting.awaitUntil(() -> ch.receiver().statistics().waitingReceivers() == 1);
                second.close(); // the last sender: the waiting receiver sees the end
                scope.join();
                assertTrue(waiting.resultNow().getMessage().contains("ended"), waiting.resultNow().getMessage());
            }
        });
    }

    @Test
    void closingTheLastReceiverBreaksTheChannelForSendersAndDropsTheBuffer() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(1);
            ch.sender().send("buffered");
            try (var scope = TaskScope.open()) {
                Task<BrokenChannelException> blocked = scope.spawn(
                        () -> assertThrows(BrokenChannelException.class, () -> ch.sender().send("blocked")));
                SyncTesting.awaitUntil(() -> ch.sender().statistics().waitingSenders() == 1);
                ch.receiver().close();
                scope.join();
                assertTrue(blocked.resultNow().getMessage().contains("every ReceiveChannel handle"));
            }
            assertThrows(BrokenChannelException.class, () -> ch.sender().send("late"));
            assertThrows(BrokenChannelException.class, () -> ch.sender().trySend("late"));
            assertEquals(new Channel.Statistics(0, 1, 1, 0, 0, 0), ch.sender().statistics());
        });
    }

    @Test
    void usingAClosedHandleIsAClosedResourceErrorNotAnEndOrABreak() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(1);
            SendChannel<String> otherSender = ch.sender().clone();
            ReceiveChannel<String> otherReceiver = ch.receiver().clone();
            ch.sender().close();
            ch.receiver().close();
            assertTrue(ch.sender().isClosed());
            assertFalse(otherSender.isClosed());
            ClosedResourceException send = assertThrows(ClosedResourceException.class, () -> ch.sender().send("x"));
            assertTrue(send.getMessage().contains("this handle was closed"), send.getMessage());
            assertThrows(ClosedResourceException.class, () -> ch.sender().trySend("x"));
            assertThrows(ClosedResourceException.class, ch.receiver()::receive);
            assertThrows(ClosedResourceException.class, ch.receiver()::tryReceive);
            assertThrows(ClosedResourceException.class, ch.sender()::clone);
            assertThrows(ClosedResourceException.class, ch.receiver()::clone);
            ch.sender().close(); // idempotent
            otherSender.send("the channel itself is fine");
            assertEquals("the channel itself is fine", otherReceiver.receive());
        });
    }

    @Test
    void closingAHandleWakesACallWaitingOnThatHandleWithClosedResource() {
        Weft.run(() -> {
            Channel<String> empty = Channel.open(0);
            Channel<String> full = Channel.open(0);
            ReceiveChannel<String> myReceiver = empty.receiver().clone();
            SendChannel<String> mySender = full.sender().clone();
            try (var scope = TaskScope.open()) {
                Task<ClosedResourceException> receiving = scope.spawn(
                        () -> assertThrows(ClosedResourceException.class, myReceiver::receive));
                Task<ClosedResourceException> sending = scope.spawn(
                        () -> assertThrows(ClosedResourceException.class, () -> mySender.send("x")));
                SyncTesting.awaitUntil(() -> empty.receiver().statistics().waitingReceivers() == 1
                        && full.sender().statistics().waitingSenders() == 1);
                myReceiver.close();
                mySender.close();
                scope.join();
                assertTrue(receiving.resultNow().getMessage().contains("closed by another task"));
                assertTrue(sending.resultNow().getMessage().contains("closed by another task"));
            }
            assertEquals(new Channel.Statistics(0, 0, 1, 1, 0, 0), empty.receiver().statistics(),
                    "the other handles are untouched");
            assertEquals(new Channel.Statistics(0, 0, 1, 1, 0, 0), full.sender().statistics());
        });
    }

    @Test
    void thePairClosesBothHandles() {
        Channel<String> ch = Channel.open(0);
        try (ch) {
            assertFalse(ch.sender().isClosed());
        }
        assertTrue(ch.sender().isClosed() && ch.receiver().isClosed());
    }
}

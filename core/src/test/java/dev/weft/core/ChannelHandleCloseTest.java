package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closing one handle twice counts once: the channel ends only when every handle is closed. */
@Timeout(10)
class ChannelHandleCloseTest {

    @Test
    void closingASenderTwiceWhileACloneIsOpenDoesNotEndTheChannel() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(1);
            SendChannel<String> clone = ch.sender().clone();
            try (var scope = TaskScope.open()) {
                Task<String> receiving = scope.spawn(ch.receiver()::receive);
                SyncTesting.awaitUntil(() -> ch.receiver().statistics().waitingReceivers() == 1);
                ch.sender().close();
                ch.sender().close();
                assertEquals(1, ch.receiver().statistics().openSenders(), "the clone is still open");
                assertEquals(1, ch.receiver().statistics().waitingReceivers(), "the receiver must keep waiting");
                clone.send("after the double close");
                scope.join();
                assertEquals("after the double close", receiving.resultNow());
            }
            assertEquals(Optional.empty(), ch.receiver().tryReceive(), "not ended: the clone may still send");
            clone.close();
            assertThrows(EndOfChannelException.class, ch.receiver()::tryReceive);
        });
    }

    @Test
    void closingAReceiverTwiceWhileACloneIsOpenKeepsTheBufferAndTheSenders() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(2);
            ch.sender().send("buffered");
            ReceiveChannel<String> clone = ch.receiver().clone();
            ch.receiver().close();
            ch.receiver().close();
            assertEquals(1, ch.sender().statistics().openReceivers(), "the clone is still open");
            assertEquals(1, ch.sender().statistics().bufferedItems(), "the buffered item must stay");
            ch.sender().send("after the double close");
            assertEquals("buffered", clone.receive());
            assertEquals("after the double close", clone.receive());
            clone.close();
            assertThrows(BrokenChannelException.class, () -> ch.sender().send("nobody"));
        });
    }

    @Test
    void closingAReceiverTwiceWhileACloneIsOpenLeavesAWaitingSenderWaiting() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(0);
            ReceiveChannel<String> clone = ch.receiver().clone();
            try (var scope = TaskScope.open()) {
                Task<Void> sending = scope.spawn(() -> ch.sender().send("x"));
                SyncTesting.awaitUntil(() -> ch.sender().statistics().waitingSenders() == 1);
                ch.receiver().close();
                ch.receiver().close();
                assertEquals(1, ch.sender().statistics().waitingSenders(), "the sender must keep waiting");
                assertEquals("x", clone.receive());
                scope.join();
                assertEquals(Task.State.SUCCESS, sending.state());
            }
        });
    }
}

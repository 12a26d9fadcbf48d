package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A receive that frees a buffer slot moves the first waiting sender's item into it before it
 * returns: senders wait only while the buffer is full.
 */
@Timeout(10)
class ChannelFreedSlotTest {

    @Test
    void aReceiveFromAFullBufferLetsExactlyOneWaitingSenderIn() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(1);
            ch.sender().send("buffered");
            try (var scope = TaskScope.open()) {
                Task<Void> first = scope.spawn(() -> ch.sender().send("first"));
                SyncTesting.awaitUntil(() -> ch.receiver().statistics().waitingSenders() == 1);
                Task<Void> second = scope.spawn(() -> ch.sender().send("second"));
                SyncTesting.awaitUntil(() -> ch.receiver().statistics().waitingSenders() == 2);
                assertEquals("buffered", ch.receiver().receive());
                Channel.Statistics s = ch.receiver().statistics();
                assertEquals(1, s.bufferedItems(), "the freed slot holds the first sender's item: " + s);
                assertEquals(1, s.waitingSenders(), "only one sender got in: " + s);
                first.join();
                assertFalse(second.isDone(), "the second sender waits for the next free slot");
                assertEquals("first", ch.receiver().receive());
                assertEquals("second", ch.receiver().receive());
                scope.join();
            }
        });
    }

    @Test
    void aSendUnderADeadlineFinishesWhenAReceiveFreesASlot() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Channel<String> ch = Channel.open(1);
                ch.sender().send("buffered");
                try (var scope = TaskScope.open()) {
                    Task<Void> sending = scope.spawn(
                            () -> Weft.failAfter(Duration.ofSeconds(5), () -> ch.sender().send("waiting")));
                    test.awaitAllBlocked();
                    assertEquals("buffered", ch.receiver().receive());
                    sending.join(); // no deadline exceeded: the item moved into the freed slot
                    assertEquals(0, test.now());
                    scope.join();
                }
                assertEquals("waiting", ch.receiver().receive());
            });
        }
    }
}

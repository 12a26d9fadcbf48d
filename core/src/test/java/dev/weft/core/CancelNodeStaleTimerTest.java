package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A deadline timer that no longer owns its node's deadline does nothing when it fires: the race
 * where the timer thread has already taken the old timer as the deadline moves, replayed by
 * firing a stale timer by hand.
 */
@Timeout(10)
class CancelNodeStaleTimerTest {

    @Test
    void aTimerTheDeadlineMovedAwayFromDoesNotCancelTheRegion() {
        try (Loop loop = Loop.open()) {
            CancelNode node = new CancelNode((LoopImpl) loop, null, CancelNode.BLOCK, null, null);
            long later = loop.time() + Duration.ofHours(1).toNanos();
            node.setDeadline(later);
            new CancelNode.DeadlineTimer(loop.time(), node).fire(); // the old timer, firing late
            assertFalse(node.isCancelled(), "a stale timer cancelled a region whose deadline had moved");
            assertEquals(later, node.deadline());
        }
    }

    @Test
    void aRegionCancelledByHandIgnoresItsDeadlineTimer() {
        try (Loop loop = Loop.open()) {
            CancelNode node = new CancelNode((LoopImpl) loop, null, CancelNode.BLOCK, null, null);
            node.setDeadline(loop.time() + Duration.ofHours(1).toNanos());
            node.cancel("by hand");
            node.fireDeadline();
            assertTrue(node.isCancelled());
            assertEquals("by hand", node.reason(), "the deadline overwrote the first reason");
            assertFalse(node.cancelledByDeadline(), "the deadline claimed a cancellation it did not make");
        }
    }
}

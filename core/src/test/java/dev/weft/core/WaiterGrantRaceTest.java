package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The race between a grant and a cancellation, replayed deterministically: a waiter is queued,
 * granted, and its task cancelled (or its plain thread interrupted) before it starts to wait. One
 * CAS decides (ADR 0011): the grant won, so the call completes with it and the cancellation is
 * raised at the next checkpoint; nothing is given back. A waiter that withdraws first is never
 * granted afterwards.
 */
@Timeout(10)
class WaiterGrantRaceTest {
    private final ReentrantLock lock = new ReentrantLock();
    private final WaitQueue queue = new WaitQueue(lock, this);

    private WaitQueue.Node enqueue() {
        lock.lock();
        try {
            return queue.enqueue(new Waiter(), null, null);
        } finally {
            lock.unlock();
        }
    }

    private WaitQueue.Node enqueueAndGrant(Object item) {
        WaitQueue.Node node = enqueue();
        lock.lock();
        try {
            assertSame(node, queue.handFirst(item));
            return node;
        } finally {
            lock.unlock();
        }
    }

    @Test
    void aGrantThatWonOverTheCancellationCompletesTheCallAndTheCancellationWaits() {
        Weft.run(() -> Weft.shield(() -> {
            WaitQueue.Node node = enqueueAndGrant("delivered");
            CancelScope.current().cancel("cancelled between queueing and waiting");
            WaitQueue.Node granted = node.waiter.awaitGrant(node);
            assertEquals("delivered", granted.item);
            assertThrows(CancelledException.class, Weft::checkCancelled, "level-triggered: raised at the next checkpoint");
        }));
    }

    @Test
    void aCancelledWaiterWithNoGrantWithdrawsItsNodeAndIsNeverGrantedAfterwards() {
        Weft.run(() -> Weft.shield(() -> {
            WaitQueue.Node node = enqueue();
            CancelScope.current().cancel("cancelled while queued");
            assertThrows(CancelledException.class, () -> node.waiter.awaitGrant(node));
            lock.lock();
            try {
                assertTrue(queue.isEmpty());
                assertEquals(null, queue.handFirst("late"), "a withdrawn waiter cannot be granted");
            } finally {
                lock.unlock();
            }
        }));
    }

    @Test
    void onAPlainThreadAGrantThatWonOverTheInterruptCompletesTheCallAndLeavesTheInterrupt() {
        WaitQueue.Node node = enqueueAndGrant("delivered");
        Thread.currentThread().interrupt();
        try {
            assertEquals("delivered", node.waiter.awaitGrant(node).item);
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is still there for the next call");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void onAPlainThreadAnInterruptWithNoGrantWithdrawsAndThrows() {
        WaitQueue.Node node = enqueue();
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancelledException.class, () -> node.waiter.awaitGrant(node));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        lock.lock();
        try {
            assertTrue(queue.isEmpty(), "withdrawn");
        } finally {
            lock.unlock();
        }
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * The plain list of a {@link WaitQueue}: waiters are served in the order they came, and each node
 * records whether another waiter was ahead of it when it was queued (such a waiter parks at once
 * instead of yielding first, ADR 0008's addendum).
 */
class WaitQueueTest {
    private final ReentrantLock lock = new ReentrantLock();
    private final WaitQueue queue = new WaitQueue(lock, this);

    @Test
    void onlyAWaiterQueuedBehindAnotherIsMarkedQueuedBehind() {
        lock.lock();
        try {
            WaitQueue.Node first = queue.enqueue(new Waiter(), null, null);
            WaitQueue.Node second = queue.enqueue(new Waiter(), null, null);
            assertFalse(first.queuedBehind, "the first waiter is next to be served");
            assertTrue(second.queuedBehind, "the second one waits behind the first");
            assertSame(first, queue.grantFirst());
            assertSame(second, queue.grantFirst());
            WaitQueue.Node alone = queue.enqueue(new Waiter(), null, null);
            assertFalse(alone.queuedBehind, "once the queue is empty again, a new waiter is first");
        } finally {
            lock.unlock();
        }
    }
}

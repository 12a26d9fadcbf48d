package dev.weft.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.CancelScope;
import dev.weft.core.CancelledException;
import dev.weft.core.Weft;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The one race the engine cannot prevent, replayed deterministically: a waiter is queued, granted,
 * and its task is cancelled before it starts to wait, so the checkpoint at the start of the wait
 * throws although a grant is already in hand. The grant must be given back ({@link Waiter.Undo})
 * or, if it cannot be, the call completes and the cancellation waits for the next checkpoint.
 */
@Timeout(10)
class WaiterGrantRaceTest {
    private final ReentrantLock lock = new ReentrantLock();
    private final WaitQueue queue = new WaitQueue(lock);

    private WaitQueue.Node enqueueAndGrant(Object item) {
        lock.lock();
        try {
            WaitQueue.Node node = queue.enqueue();
            assertSame(node, queue.handFirst(item));
            return node;
        } finally {
            lock.unlock();
        }
    }

    @Test
    void aGrantThatRacedWithCancellationIsGivenBackAndTheCallThrows() {
        List<Object> givenBack = new ArrayList<>();
        Weft.run(() -> Weft.shield(() -> {
            WaitQueue.Node node = enqueueAndGrant("item");
            CancelScope.current().cancel("cancelled between queueing and waiting");
            assertThrows(CancelledException.class, () -> node.waiter.awaitGrant(node, granted -> {
                givenBack.add(granted.item);
                return true;
            }));
        }));
        assertEquals(List.of("item"), givenBack);
    }

    @Test
    void aGrantThatCannotBeGivenBackCompletesTheCallAndTheCancellationWaits() {
        Weft.run(() -> Weft.shield(() -> {
            WaitQueue.Node node = enqueueAndGrant("delivered");
            CancelScope.current().cancel("cancelled between queueing and waiting");
            WaitQueue.Node granted = node.waiter.awaitGrant(node, Waiter.Undo.IMPOSSIBLE);
            assertEquals("delivered", granted.item);
            assertThrows(CancelledException.class, Weft::checkCancelled, "level-triggered: raised at the next checkpoint");
        }));
    }

    @Test
    void aCancelledWaiterWithNoGrantWithdrawsItsNode() {
        Weft.run(() -> Weft.shield(() -> {
            WaitQueue.Node node;
            lock.lock();
            try {
                node = queue.enqueue();
            } finally {
                lock.unlock();
            }
            CancelScope.current().cancel("cancelled while queued");
            assertThrows(CancelledException.class, () -> node.waiter.awaitGrant(node, granted -> {
                throw new AssertionError("nothing was granted");
            }));
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
    void aWaiterThatWithdrewIsNeverReadyAgain() {
        // Blocking.await may call the readiness check twice before its checkpoint throws: when the
        // cancellation lands between its first checkpoint and its first check. Once withdrawn,
        // the waiter must keep answering "not ready", or the wait would return without a grant.
        Weft.run(() -> Weft.shield(() -> {
            WaitQueue.Node node;
            lock.lock();
            try {
                node = queue.enqueue();
            } finally {
                lock.unlock();
            }
            node.undo = Waiter.Undo.IMPOSSIBLE;
            Waiter.Withdrawal withdrawal = node; // a single-node waiter's node is its withdrawal
            assertFalse(node.waiter.grantedOrFailed(withdrawal), "not cancelled yet: keep waiting");
            CancelScope.current().cancel("cancelled before the first readiness check");
            assertFalse(node.waiter.grantedOrFailed(withdrawal), "withdraws");
            assertFalse(node.waiter.grantedOrFailed(withdrawal), "and stays withdrawn");
            lock.lock();
            try {
                assertTrue(queue.isEmpty());
            } finally {
                lock.unlock();
            }
        }));
    }
}

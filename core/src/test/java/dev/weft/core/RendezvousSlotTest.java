package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rendezvous fast path (ADR 0010), white-box: a waiter alone in its queue is left in the
 * slot, claimable without the lock; the lock absorbs it into the queue's head; a claimer whose
 * handle was closed gives it back, first in line, and then applies the closes it missed while it
 * held it, so that no waiter is left waiting on a channel that has ended.
 */
@Timeout(10)
class RendezvousSlotTest {
    private final ReentrantLock lock = new ReentrantLock();
    private final WaitQueue queue = new WaitQueue(lock, this);
    private final RendezvousSlot slot = new RendezvousSlot(queue);

    // ---- the slot alone ----------------------------------------------------------------------

    @Test
    void aWaiterAloneIsLeftInTheSlotAndClaimedOnce() {
        Waiter w = new Waiter();
        WaitQueue.Node n = locked(() -> slot.enqueue(w, "item", "tag"));
        assertEquals(1, slot.waiting());
        assertTrue(locked(queue::isEmpty), "a claimable waiter is kept out of the queue");
        assertSame(n, w.lonely, "the waiter carries its node");
        assertEquals("item", w.offered, "and its offered item");
        assertSame(w, slot.claim());
        assertEquals(0, slot.waiting());
        assertNull(slot.claim(), "a waiter is claimed once");
    }

    @Test
    void aWaiterBehindAnotherGoesToTheQueue() {
        Waiter first = new Waiter();
        locked(() -> queue.enqueue(first, null, null));
        Waiter second = new Waiter();
        WaitQueue.Node n = locked(() -> slot.enqueue(second, null, null));
        assertEquals(0, slot.waiting(), "only a waiter alone is claimable");
        assertEquals(2, (int) locked(queue::size));
        assertNull(slot.claim());
        locked(() -> queue.grantFirst());
        assertSame(n, locked(() -> queue.grantFirst()), "the second waiter is served second");
    }

    @Test
    void absorbMovesTheWaiterToTheHeadOfTheQueue() {
        Waiter lone = new Waiter();
        WaitQueue.Node loneNode = locked(() -> slot.enqueue(lone, null, null));
        Waiter later = new Waiter();
        locked(() -> queue.enqueue(later, null, null)); // queued behind it, as if the lock had absorbed nothing yet
        locked(() -> {
            slot.absorb();
            return null;
        });
        assertEquals(0, slot.waiting(), "an absorbed waiter is no longer claimable");
        assertNull(slot.claim());
        assertEquals(2, (int) locked(queue::size));
        assertSame(loneNode, locked(() -> queue.grantFirst()), "the absorbed waiter came first, so it is served first");
    }

    @Test
    void absorbAfterAClaimLeavesTheQueueAlone() {
        Waiter w = new Waiter();
        locked(() -> slot.enqueue(w, null, null));
        assertSame(w, slot.claim());
        locked(() -> {
            slot.absorb();
            return null;
        });
        assertTrue(locked(queue::isEmpty), "a claimed waiter was also absorbed: it would be served twice");
    }

    @Test
    void anUndecidedClaimedWaiterIsGivenBackFirstInLine() {
        Waiter w = new Waiter();
        WaitQueue.Node n = locked(() -> slot.enqueue(w, null, null));
        assertSame(w, slot.claim());
        Waiter other = new Waiter();
        locked(() -> queue.enqueue(other, null, null)); // came while w was claimed
        assertTrue(locked(() -> slot.giveBack(w)));
        assertSame(n, locked(() -> queue.grantFirst()), "the given-back waiter is first again");
    }

    @Test
    void aDecidedClaimedWaiterIsNotGivenBack() {
        Waiter w = new Waiter();
        locked(() -> slot.enqueue(w, null, null));
        assertSame(w, slot.claim());
        assertTrue(w.cancel(), "its own cancellation decides it first");
        assertFalse(locked(() -> slot.giveBack(w)));
        assertTrue(locked(queue::isEmpty), "a decided waiter went back into the queue");
    }

    @Test
    void claimPollingTakesAWaiterWhileTheLockIsHeldElsewhere() throws Exception {
        Waiter w = new Waiter();
        locked(() -> slot.enqueue(w, null, null));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            lock.lock();
            try {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        held.await();
        try {
            assertSame(w, slot.claimPolling(), "a claimable waiter is taken without the lock");
            assertNull(assertTimeoutPreemptively(Duration.ofSeconds(5), slot::claimPolling),
                    "with nothing to claim, polling gives up although the lock stays held");
        } finally {
            release.countDown();
            holder.join();
        }
        assertFalse(lock.isLocked());
        assertNull(slot.claimPolling(), "with nothing to claim and the lock free, it gives up");
    }

    // ---- a claimer whose handle was closed gives the waiter back (ChannelCore.giveBack) ----------

    @Test
    void aReceiverGivenBackAfterItsOwnHandleClosedFailsAsClosed() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(0);
            ChannelCore<String> core = core(ch);
            ReceiveChannel<String> rx = ch.receiver().clone();
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<String> receiving = scope.spawn(rx::receive);
                Waiter claimed = claimWhenWaiting(core.receiverSlot);
                rx.close(); // misses the claimed receiver: it is in no queue
                core.giveBack(core.receivers, claimed);
                ClosedResourceException e = assertThrows(ClosedResourceException.class, receiving::join);
                assertTrue(e.getMessage().contains("ReceiveChannel.receive()"), e.getMessage());
            }
        });
    }

    @Test
    void aReceiverGivenBackAfterTheLastSenderClosedSeesTheEnd() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(0);
            ChannelCore<String> core = core(ch);
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<String> receiving = scope.spawn(() -> ch.receiver().receive());
                Waiter claimed = claimWhenWaiting(core.receiverSlot);
                ch.sender().close();
                core.giveBack(core.receivers, claimed);
                assertThrows(EndOfChannelException.class, receiving::join);
            }
        });
    }

    @Test
    void aReceiverGivenBackWhileTheChannelIsOpenStillGetsTheNextItem() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(0);
            ChannelCore<String> core = core(ch);
            try (TaskScope scope = TaskScope.open()) {
                Task<String> receiving = scope.spawn(() -> ch.receiver().receive());
                Waiter claimed = claimWhenWaiting(core.receiverSlot);
                core.giveBack(core.receivers, claimed);
                assertFalse(core.lock.isLocked(), "giveBack left the channel's lock held");
                assertEquals(1, ch.sender().statistics().waitingReceivers(), "the receiver waits again");
                ch.sender().send("after the give-back");
                assertEquals("after the give-back", receiving.join());
            }
        });
    }

    @Test
    void aSenderGivenBackAfterItsOwnHandleClosedFailsAsClosed() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(0);
            ChannelCore<String> core = core(ch);
            SendChannel<String> tx = ch.sender().clone();
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<Void> sending = scope.spawn(() -> tx.send("never delivered"));
                Waiter claimed = claimWhenWaiting(core.senderSlot);
                tx.close();
                core.giveBack(core.senders, claimed);
                ClosedResourceException e = assertThrows(ClosedResourceException.class, sending::join);
                assertTrue(e.getMessage().contains("SendChannel.send()"), e.getMessage());
            }
        });
    }

    @Test
    void aSenderGivenBackAfterTheLastReceiverClosedFindsTheChannelBroken() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(0);
            ChannelCore<String> core = core(ch);
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<Void> sending = scope.spawn(() -> ch.sender().send("never delivered"));
                Waiter claimed = claimWhenWaiting(core.senderSlot);
                ch.receiver().close();
                core.giveBack(core.senders, claimed);
                assertThrows(BrokenChannelException.class, sending::join);
            }
        });
    }

    @Test
    void aSenderGivenBackWhileTheChannelIsOpenStillDeliversItsItem() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(0);
            ChannelCore<String> core = core(ch);
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> sending = scope.spawn(() -> ch.sender().send("kept"));
                Waiter claimed = claimWhenWaiting(core.senderSlot);
                core.giveBack(core.senders, claimed);
                assertEquals(1, ch.receiver().statistics().waitingSenders(), "the sender waits again");
                assertEquals("kept", ch.receiver().receive());
                sending.join();
            }
        });
    }

    @Test
    void aSenderCancelledWhileClaimedIsNeitherDeliveredNorCounted() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(0);
            ChannelCore<String> core = core(ch);
            SendChannel<String> tx = ch.sender().clone();
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<Void> sending = scope.spawn(() -> tx.send("withdrawn"));
                Waiter claimed = claimWhenWaiting(core.senderSlot);
                sending.cancel("the sender gives up");
                assertThrows(CancelledException.class, sending::join);
                tx.close();
                core.giveBack(core.senders, claimed); // decided by its cancellation: nothing to give back
                assertEquals(0, ch.receiver().statistics().waitingSenders());
                assertFalse(ch.receiver().tryReceive().isPresent(), "a withdrawn item was delivered");
            }
        });
    }

    @Test
    void aSendThroughAHandleClosedWhileItClaimedGivesTheReceiverBack() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(0);
            ChannelCore<String> core = core(ch);
            SendHandle<String> tx = (SendHandle<String>) ch.sender().clone();
            try (TaskScope scope = TaskScope.open()) {
                Task<String> receiving = scope.spawn(() -> ch.receiver().receive());
                SyncTesting.awaitUntil(() -> core.receiverSlot.waiting() == 1);
                // another task's close landing after this send claimed the receiver; a real close
                // takes the lock, which would first put the receiver back in the queue itself
                tx.closed = true;
                assertFalse(core.sendToLoneReceiver(tx, "through a closed handle"),
                        "the fast path sent through a handle closed meanwhile");
                assertEquals(1, ch.sender().statistics().waitingReceivers(), "the receiver was not given back");
                ch.sender().send("kept");
                assertEquals("kept", receiving.join());
            }
        });
    }

    /**
     * A send that claimed the lone receiver can lose it to the receiver's cancellation before its
     * hand-over (on a parallel loop: the receiver's withdrawal takes the lock, finds the slot
     * empty, and wins the CAS). The send must then report no hand-off and go on to the locked path
     * with its item, instead of returning as if a cancelled receiver had taken it. The send sees
     * the same here, where the waiter is decided by hand before the claim (a real cancelled
     * receiver is never left in the slot: its withdrawal absorbs it first).
     */
    @Test
    void aSendThatClaimsAReceiverAlreadyDecidedByItsCancellationReportsNoHandOff() {
        Channel<String> ch = Channel.open(0);
        ChannelCore<String> core = core(ch);
        Waiter receiver = new Waiter();
        core.lock.lock();
        try {
            core.receiverSlot.enqueue(receiver, null, null);
        } finally {
            core.lock.unlock();
        }
        assertTrue(receiver.cancel(), "its own cancellation decides it first");
        assertFalse(core.sendToLoneReceiver((SendHandle<String>) ch.sender(), "for nobody"),
                "the item was reported handed to a receiver whose cancellation had already won");
        assertEquals(0, core.receiverSlot.waiting(), "the decided receiver was claimed once, not put back");
    }

    @Test
    void aReceiveThroughAHandleClosedWhileItClaimedGivesTheSenderBack() {
        Weft.run(() -> {
            Channel<String> ch = Channel.open(0);
            ChannelCore<String> core = core(ch);
            ReceiveHandle<String> rx = (ReceiveHandle<String>) ch.receiver().clone();
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> sending = scope.spawn(() -> ch.sender().send("kept"));
                SyncTesting.awaitUntil(() -> core.senderSlot.waiting() == 1);
                rx.closed = true; // another task's close landing after the claim, as above
                assertSame(ChannelCore.NOTHING, core.receiveFromLoneSender(rx),
                        "the fast path received through a handle closed meanwhile");
                assertEquals(1, ch.receiver().statistics().waitingSenders(), "the sender was not given back");
                assertEquals("kept", ch.receiver().receive());
                sending.join();
            }
        });
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static ChannelCore<String> core(Channel<String> ch) {
        return ((SendHandle<String>) ch.sender()).core;
    }

    /** Waits until a call waits alone in {@code slot}, then claims it, as a partner's fast path does. */
    private static Waiter claimWhenWaiting(RendezvousSlot slot) {
        SyncTesting.awaitUntil(() -> slot.waiting() == 1);
        Waiter claimed = slot.claim();
        assertTrue(claimed != null && !claimed.isDecided(), "the waiter in the slot was taken or decided");
        return claimed;
    }

    private <T> T locked(java.util.function.Supplier<T> underLock) {
        lock.lock();
        try {
            return underLock.get();
        } finally {
            lock.unlock();
        }
    }
}

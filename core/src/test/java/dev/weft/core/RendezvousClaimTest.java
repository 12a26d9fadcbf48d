package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rendezvous hand-off without the lock (ADR 0010): a send or receive that waits alone is
 * claimable; a partner claims its waiter with one swap and decides it with one CAS that carries
 * the item, without the channel's lock; every
 * locked operation first moves it back into the list, so it is served, counted, failed and
 * withdrawn as any other waiter; and it is never claimed twice or after it withdrew.
 */
@Timeout(10)
class RendezvousClaimTest {
    private final ChannelCore<Object> channel = ChannelCore.open(0);
    private final ReentrantLock lock = channel.lock;
    private final WaitQueue queue = channel.senders;
    private final RendezvousSlot slot = channel.senderSlot;

    private static boolean claimable(WaitQueue.Node n) {
        return n.waiter.lonely == n;
    }

    private WaitQueue.Node enqueueClaimable(Object item) {
        lock.lock();
        try {
            return slot.enqueue(new Waiter(), item, null);
        } finally {
            lock.unlock();
        }
    }

    private void returnClaimed(Waiter w) {
        lock.lock();
        try {
            slot.giveBack(w);
        } finally {
            lock.unlock();
        }
    }

    /** As a statistics call counts them: it leaves a claimable waiter in its slot. */
    private int countWaiting() {
        return channel.statistics().waitingSenders();
    }

    // ---- the channel's claimable slot ------------------------------------------------------------

    @Test
    void aWaiterAloneIsClaimedOnceAndIsThenInNoList() {
        WaitQueue.Node m = enqueueClaimable("offered");
        assertTrue(claimable(m));
        assertEquals(1, countWaiting(), "a claimable waiter is counted like any other");
        assertSame(m.waiter, slot.claim(), "counting left it in the slot");
        assertNull(slot.claim(), "a waiter is claimed once");
        assertTrue(m.waiter.handOver("item"));
        assertEquals("item", m.waiter.awaitGrant(m).item, "the hand-over lands in its node");
        lock.lock();
        try {
            assertEquals(0, queue.countWaiting(), "a claimed node is in no list");
            assertNull(queue.grantFirst());
        } finally {
            lock.unlock();
        }
    }

    @Test
    void aSecondWaiterQueuesBehindTheClaimableOneAndNeitherIsClaimableThen() {
        WaitQueue.Node first = enqueueClaimable("a");
        WaitQueue.Node second = enqueueClaimable("b");
        assertTrue(claimable(first));
        assertFalse(claimable(second), "only a waiter alone is claimable");
        assertNull(slot.claim(), "the first waiter was moved into the list, ahead of the second");
        lock.lock();
        try {
            assertSame(first, queue.grantFirst());
            assertSame(second, queue.grantFirst());
            assertNull(queue.grantFirst());
        } finally {
            lock.unlock();
        }
    }

    @Test
    void failingEveryWaiterReachesTheClaimableOne() {
        WaitQueue.Node n = enqueueClaimable(null);
        lock.lock();
        try {
            queue.failAll(() -> new IllegalStateException("closed"));
        } finally {
            lock.unlock();
        }
        assertTrue(n.waiter.isDecided());
        assertNull(slot.claim(), "a failed waiter cannot be claimed");
        assertThrows(IllegalStateException.class, () -> n.waiter.awaitGrant(n));
    }

    @Test
    void aClaimableWaiterThatWithdrewCannotBeClaimed() {
        Weft.run(() -> Weft.shield(() -> {
            WaitQueue.Node n = enqueueClaimable(null);
            CancelScope.current().cancel("cancelled while waiting alone");
            assertThrows(CancelledException.class, () -> n.waiter.awaitGrant(n));
            assertNull(slot.claim(), "withdrawing took the waiter out of the slot");
            assertEquals(0, countWaiting());
        }));
    }

    @Test
    void aClaimedWaiterWhoseCancellationCameFirstRefusesTheGrant() {
        WaitQueue.Node n = enqueueClaimable(null);
        assertSame(n.waiter, slot.claim());
        assertTrue(n.withdraw(n.waiter), "the waiter's withdrawal wins: it finds the slot empty and cancels");
        assertFalse(n.waiter.handOver("item"),
                "so the claimer's hand-over fails, and the claimer takes the locked path");
    }

    @Test
    void aClaimedSenderCancelledAsItsItemWasTakenCompletesItsSendAndIsCancelledNext() {
        ChannelCore<String> ch = ChannelCore.open(0);
        Weft.run(() -> Weft.shield(() -> {
            WaitQueue.Node sender = enqueueWaitingSend(ch, ch.firstSender(), "taken");
            assertTrue(claimable(sender));
            assertEquals("taken", ch.receiveFromLoneSender(ch.firstReceiver()), "the receive took the offered item");
            CancelScope.current().cancel("cancelled as the item was taken");
            assertSame(sender, sender.waiter.awaitGrant(sender),
                    "its grant won over the cancellation: the send completes");
            assertEquals("taken", sender.item, "the sender's node keeps its own item");
            assertThrows(CancelledException.class, Weft::checkCancelled,
                    "the cancellation is raised at the next checkpoint");
        }));
    }

    @Test
    void aClaimedWaiterGivenBackIsFirstInLineAgain() {
        WaitQueue.Node first = enqueueClaimable("a");
        assertSame(first.waiter, slot.claim());
        WaitQueue.Node second = enqueueClaimable("b");
        assertTrue(claimable(second), "the slot was free again");
        returnClaimed(first.waiter);
        assertNull(slot.claim(), "giving back moved the second one into the list, behind the first");
        lock.lock();
        try {
            assertSame(first, queue.grantFirst());
            assertSame(second, queue.grantFirst());
        } finally {
            lock.unlock();
        }
    }

    @Test
    void aClaimedWaiterThatWithdrewMeanwhileIsNotGivenBack() {
        WaitQueue.Node n = enqueueClaimable(null);
        assertSame(n.waiter, slot.claim());
        assertTrue(n.withdraw(n.waiter));
        returnClaimed(n.waiter);
        assertEquals(0, countWaiting());
    }

    // ---- channels --------------------------------------------------------------------------------

    @Test
    void aSendThroughAClosedHandleNeverClaimsTheWaitingReceiver() {
        ChannelCore<String> ch = ChannelCore.open(0);
        Weft.run(() -> {
            SendHandle<String> closed = ch.firstSender().clone();
            closed.close();
            try (var scope = TaskScope.open()) {
                Task<String> receiver = spawnParked(scope, () -> ch.firstReceiver().receive());
                assertThrows(ClosedResourceException.class, () -> closed.send("through a closed handle"));
                assertFalse(receiver.isDone(), "the receiver still waits");
                ch.firstSender().send("through an open one");
                scope.join();
                assertEquals("through an open one", receiver.resultNow());
            }
        });
    }

    @Test
    void closingTheHandleOfAReceiverWaitingAloneFailsItsReceive() {
        ChannelCore<String> ch = ChannelCore.open(0);
        Weft.run(() -> {
            ReceiveHandle<String> own = ch.firstReceiver().clone();
            try (var scope = TaskScope.open()) {
                Task<String> receiver = spawnParked(scope, () -> {
                    try {
                        return "received " + own.receive();
                    } catch (ClosedResourceException e) {
                        return "closed";
                    }
                });
                own.close();
                scope.join();
                assertEquals("closed", receiver.resultNow());
                assertFalse(ch.firstSender().trySend("x"), "nobody waits any more");
            }
        });
    }

    @Test
    void aSelectWaitingAloneOnARendezvousChannelIsNeverClaimableAndIsServedUnderTheLock() {
        ChannelCore<String> ch = ChannelCore.open(0);
        Weft.run(() -> {
            try (var scope = TaskScope.open()) {
                Task<String> selector = spawnParked(scope,
                        () -> Select.select(ch.firstReceiver().onReceive(item -> "selected " + item)));
                assertNull(ch.receiverSlot.claim(), "a select's waiter is never in the claimable slot");
                assertEquals(1, ch.statistics().waitingReceivers(), "it waits in the list");
                ch.firstSender().send("x");
                scope.join();
                assertEquals("selected x", selector.resultNow());
            }
        });
    }

    /**
     * Spawns {@code body} in {@code scope} and waits until its task is parked: its node is queued
     * and nobody has claimed it.
     */
    private static <T> Task<T> spawnParked(TaskScope scope, Callable<T> body) {
        AtomicReference<Thread> thread = new AtomicReference<>();
        Task<T> task = scope.spawn(() -> {
            thread.set(Thread.currentThread());
            return body.call();
        });
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                .until(() -> thread.get() != null && thread.get().getState() == Thread.State.WAITING);
        return task;
    }

    @Test
    void aSendHandsToAReceiverWaitingAloneWithoutTakingTheChannelLock() {
        ChannelCore<String> ch = ChannelCore.open(0);
        Weft.run(() -> {
            try (var scope = TaskScope.open()) {
                Task<String> receiver = spawnParked(scope, () -> ch.firstReceiver().receive());
                ch.lockLeavingSlots(); // held by a party that has not looked at the queues
                try {
                    Task<Void> sender = scope.spawn(() -> ch.firstSender().send("handed"));
                    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sender.isDone() && receiver.isDone());
                    assertEquals("handed", receiver.resultNow());
                } finally {
                    ch.lock.unlock();
                }
                scope.join();
            }
        });
    }

    @Test
    void aReceiveTakesFromASenderWaitingAloneWithoutTakingTheChannelLock() {
        ChannelCore<String> ch = ChannelCore.open(0);
        Weft.run(() -> {
            try (var scope = TaskScope.open()) {
                Task<Void> sender = spawnParked(scope, () -> {
                    ch.firstSender().send("taken");
                    return null;
                });
                ch.lockLeavingSlots(); // held by a party that has not looked at the queues
                try {
                    Task<String> receiver = scope.spawn(() -> ch.firstReceiver().receive());
                    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sender.isDone() && receiver.isDone());
                    assertEquals("taken", receiver.resultNow());
                } finally {
                    ch.lock.unlock();
                }
                scope.join();
            }
        });
    }

    @Test
    void aReceiverCancelledWhileWaitingAloneIsNeverHandedTheItem() {
        ChannelCore<String> ch = ChannelCore.open(0);
        Weft.run(() -> {
            try (var scope = TaskScope.open()) {
                Task<String> cancelled = spawnParked(scope, () -> ch.firstReceiver().receive());
                cancelled.cancel("gone");
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(cancelled::isDone);
                Task<Void> sender = scope.spawn(() -> ch.firstSender().send("kept"));
                Awaitility.await().atMost(Duration.ofSeconds(5))
                        .until(() -> ch.statistics().waitingSenders() == 1);
                assertEquals("kept", ch.firstReceiver().receive(), "the send waited for a live receiver");
                scope.join();
                assertTrue(sender.isDone());
                assertTrue(cancelled.isCancelled());
            }
        });
    }

    @Test
    void aReceiverClaimedAsItIsCancelledKeepsTheItemAndTheNextSendGoesToTheNextReceive() {
        ChannelCore<String> ch = ChannelCore.open(0);
        ReceiveHandle<String> in = ch.firstReceiver();
        SendHandle<String> out = ch.firstSender();
        Weft.run(() -> Weft.shield(() -> {
            // a receiver waits alone and a send claims it
            WaitQueue.Node receiver;
            ch.lock.lock();
            try {
                receiver = ch.enqueueReceiver(new Waiter(), in);
            } finally {
                ch.lock.unlock();
            }
            assertTrue(ch.sendToLoneReceiver(out, "first"));
            // before the receiver runs, a second send waits alone, claimable
            WaitQueue.Node second = enqueueWaitingSend(ch, out, "second");
            assertTrue(claimable(second));
            // the receiver was cancelled as it was granted: it keeps "first", nothing goes back
            CancelScope.current().cancel("cancelled as the item arrived");
            assertEquals("first", receiver.waiter.awaitGrant(receiver).item);
            assertEquals("second", ch.receiveFromLoneSender(in), "the claimable sender is next, and still claimable");
            assertThrows(CancelledException.class, Weft::checkCancelled);
        }));
    }

    private static WaitQueue.Node enqueueWaitingSend(ChannelCore<String> ch, SendHandle<String> out, String item) {
        ch.lock.lock();
        try {
            assertFalse(ch.sendLocked(out, item, "send()"), "the send must wait");
            return ch.enqueueSender(new Waiter(), item, out);
        } finally {
            ch.lock.unlock();
        }
    }

    // ---- the carrier hint ------------------------------------------------------------------------

    @Test
    void theCarrierIsReadableWithTheFlagTheBuildPasses() {
        assertTrue(Carriers.isAvailable(), "the test JVM opens java.base/java.lang, as ./weft does");
    }

    @Test
    void aVirtualThreadAloneOnAForkJoinCarrierSeesItIdle() {
        // retried: another test's leftover work may sit on that carrier for a moment
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            AtomicReference<Boolean> idle = new AtomicReference<>();
            Thread.ofVirtual().start(() -> idle.set(Carriers.currentCarrierIdle())).join();
            return idle.get();
        });
    }

    @Test
    void onlyAVirtualThreadOnAnIdleForkJoinCarrierMaySpin() {
        assertFalse(Carriers.currentCarrierIdle(), "a platform thread never spins");
        Weft.run(LoopOptions.confined(), () ->
                assertFalse(Carriers.currentCarrierIdle(), "a confined loop's carrier is not a fork-join worker"));
    }
}

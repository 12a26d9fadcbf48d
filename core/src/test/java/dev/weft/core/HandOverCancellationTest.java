package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every path on which a waiting call is handed what it waits for while it is being cancelled,
 * replayed deterministically (issues 15 and 22): a hook ({@link Waiter#beforeParkHook}) runs on
 * the waiting thread at the one point where it has queued, spun and yielded but not yet looked at
 * its outcome, and there the test cancels it, decides it and ends the channel or queue. One rule
 * holds on every path and both loop kinds (the suite runs on each): the waiter's single outcome
 * CAS decides; a grant that won completes the call, whose cancellation is raised at its next
 * checkpoint; nothing is given back, so nothing comes out of a channel or queue after its end
 * was seen.
 */
@Timeout(10)
class HandOverCancellationTest {
    private final AtomicReference<Thread> hooked = new AtomicReference<>();
    private final AtomicBoolean fired = new AtomicBoolean();
    private final List<String> trace = new CopyOnWriteArrayList<>();

    @AfterEach
    void unhook() {
        Waiter.beforeParkHook = null;
    }

    /** Runs {@code atThePoint} once, on the thread of the next wait made inside {@link #hooked}. */
    private void atThePointOfParking(Runnable atThePoint) {
        Waiter.beforeParkHook = w -> {
            if (w.thread == hooked.get() && fired.compareAndSet(false, true)) {
                CancelScope.current().cancel("cancelled as it was handed over");
                trace.add("cancelled");
                atThePoint.run();
            }
        };
    }

    /**
     * {@code call} on a task whose waits the hook watches; the task's result says what the call
     * returned and whether the next checkpoint then raised the cancellation.
     */
    private Task<String> spawnHooked(TaskScope scope, Callable<String> call) {
        return scope.spawn(() -> {
            hooked.set(Thread.currentThread());
            String got;
            try {
                got = call.call();
            } catch (Exception e) {
                return "threw " + e.getClass().getSimpleName();
            }
            try {
                Weft.checkCancelled();
                return got + ", not cancelled";
            } catch (CancelledException e) {
                return got + ", then cancelled at the next checkpoint";
            }
        });
    }

    private static String outcome(Callable<?> call) {
        try {
            Object r = call.call();
            return r instanceof Optional<?> o ? o.map(String::valueOf).orElse("empty") : String.valueOf(r);
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    /** Sends "item" (handed to the waiting receiver), closes the last sender and looks once more. */
    private void sendThenEnd(Channel<String> ch) {
        trace.add("sent " + ch.sender().trySend("item"));
        ch.sender().close();
        trace.add("after close " + outcome(ch.receiver()::tryReceive));
    }

    private String run(Callable<String> call) {
        return Weft.run(() -> {
            try (var scope = TaskScope.open()) {
                Task<String> t = spawnHooked(scope, call);
                scope.join();
                assertTrue(fired.get(), "the hook ran");
                return t.resultNow();
            }
        });
    }

    // ---- channels --------------------------------------------------------------------------------

    @Test
    void aReceiverHandedAnItemAsItIsCancelledKeepsItAndTheEndSeenMeanwhileStaysTheEnd() {
        Channel<String> ch = Channel.open(1);
        atThePointOfParking(() -> sendThenEnd(ch));
        String receiver = run(() -> ch.receiver().receive());
        assertEquals(List.of("cancelled", "sent true", "after close EndOfChannelException"), trace);
        assertEquals("item, then cancelled at the next checkpoint", receiver);
        assertThrows(EndOfChannelException.class, ch.receiver()::tryReceive, "nothing came back after the end");
    }

    @Test
    void aRendezvousReceiverClaimedAsItIsCancelledKeepsTheItem() {
        ChannelCore<String> ch = ChannelCore.open(0);
        atThePointOfParking(() -> {
            trace.add("claimed and handed " + ch.sendToLoneReceiver(ch.firstSender(), "item"));
            ch.firstSender().close();
            trace.add("after close " + outcome(ch.firstReceiver()::tryReceive));
        });
        String receiver = run(() -> ch.firstReceiver().receive());
        assertEquals(List.of("cancelled", "claimed and handed true", "after close EndOfChannelException"), trace);
        assertEquals("item, then cancelled at the next checkpoint", receiver);
        assertThrows(EndOfChannelException.class, ch.firstReceiver()::tryReceive);
    }

    @Test
    void aRendezvousSenderWhoseItemIsTakenAsItIsCancelledCompletesItsSend() {
        ChannelCore<String> ch = ChannelCore.open(0);
        atThePointOfParking(() -> trace.add("taken " + ch.receiveFromLoneSender(ch.firstReceiver())));
        String sender = run(() -> {
            ch.firstSender().send("item");
            return "sent";
        });
        assertEquals(List.of("cancelled", "taken item"), trace);
        assertEquals("sent, then cancelled at the next checkpoint", sender,
                "a send whose item was received must not report that it failed: the caller would send it again");
        assertEquals(Optional.empty(), ch.firstReceiver().tryReceive());
    }

    @Test
    void aSenderWhoseItemIsMovedIntoTheBufferAsItIsCancelledCompletesItsSend() {
        Channel<String> ch = Channel.open(1);
        assertTrue(ch.sender().trySend("a"));
        atThePointOfParking(() -> trace.add("received " + outcome(ch.receiver()::tryReceive)));
        String sender = run(() -> {
            ch.sender().send("b");
            return "sent";
        });
        assertEquals(List.of("cancelled", "received a"), trace);
        assertEquals("sent, then cancelled at the next checkpoint", sender);
        assertEquals(Optional.of("b"), ch.receiver().tryReceive(), "its item is in the buffer, once");
        assertEquals(Optional.empty(), ch.receiver().tryReceive());
    }

    @Test
    void aSelectHandedAnItemAsItIsCancelledRunsItsCallbackAndNothingComesBackAfterTheEnd() {
        Channel<String> ch = Channel.open(1);
        atThePointOfParking(() -> sendThenEnd(ch));
        String selector = run(() -> Select.select(ch.receiver().onReceive(item -> "selected " + item)));
        assertEquals(List.of("cancelled", "sent true", "after close EndOfChannelException"), trace);
        assertEquals("selected item, then cancelled at the next checkpoint", selector);
        assertThrows(EndOfChannelException.class, ch.receiver()::tryReceive);
    }

    @Test
    void aSelectWhoseSendIsTakenAsItIsCancelledRunsItsCallback() {
        Channel<String> ch = Channel.open(1);
        assertTrue(ch.sender().trySend("a"));
        atThePointOfParking(() -> trace.add("received " + outcome(ch.receiver()::tryReceive)));
        String selector = run(() -> Select.select(ch.sender().onSend("b", () -> "sent b")));
        assertEquals(List.of("cancelled", "received a"), trace);
        assertEquals("sent b, then cancelled at the next checkpoint", selector);
        assertEquals(Optional.of("b"), ch.receiver().tryReceive());
    }

    // ---- queues ----------------------------------------------------------------------------------

    @Test
    void aGetterHandedAnItemAsItIsCancelledKeepsItAndTheShutdownSeenMeanwhileStays() {
        Queue<String> q = Queue.fifo();
        atThePointOfParking(() -> {
            trace.add("put " + q.tryPut("item"));
            q.shutdown();
            trace.add("after shutdown " + outcome(q::tryGet));
        });
        String getter = run(q::get);
        assertEquals(List.of("cancelled", "put true", "after shutdown QueueShutDownException"), trace);
        assertEquals("item, then cancelled at the next checkpoint", getter);
        assertThrows(QueueShutDownException.class, q::tryGet, "nothing came back after the shutdown was seen");
        assertEquals(1, q.statistics().unfinishedTasks(), "the item is the getter's to mark done");
    }

    @Test
    void aPutterWhoseItemIsMovedInAsItIsCancelledCompletesItsPut() {
        Queue<String> q = Queue.fifo(1);
        assertTrue(q.tryPut("a"));
        atThePointOfParking(() -> {
            trace.add("got " + outcome(q::tryGet));
            q.shutdown();
        });
        String putter = run(() -> {
            q.put("b");
            return "put";
        });
        assertEquals(List.of("cancelled", "got a"), trace);
        assertEquals("put, then cancelled at the next checkpoint", putter);
        assertEquals(Optional.of("b"), q.tryGet(), "its item is in the queue, once; a shut-down queue drains");
        assertThrows(QueueShutDownException.class, q::tryGet);
    }

    // ---- permits: the same rule ------------------------------------------------------------------

    @Test
    void anAcquirerGrantedAPermitAsItIsCancelledHoldsItUntilItsNextCheckpoint() {
        Semaphore s = Semaphore.create(1);
        s.tryAcquire();
        atThePointOfParking(() -> {
            s.release();
            trace.add("released, available " + s.available());
        });
        String acquirer = run(() -> {
            s.acquire();
            try {
                return "acquired, available " + s.available();
            } finally {
                s.release();
            }
        });
        assertEquals(List.of("cancelled", "released, available 0"), trace, "the release handed the permit over");
        assertEquals("acquired, available 0, then cancelled at the next checkpoint", acquirer);
        assertEquals(1, s.available());
    }

    // ---- spinning or parked: decided the same way -------------------------------------------------

    @Test
    void aParkedReceiverHandedAnItemAsItIsCancelledKeepsItAsASpinningOneDoes() {
        // On a confined loop the test's task runs while the receiver is parked, so the receiver is
        // cancelled and handed the item before it wakes: the parked path of the rule above.
        Channel<String> ch = Channel.open(1);
        String receiver = Weft.run(LoopOptions.confined(), () -> {
            try (var scope = TaskScope.open()) {
                Task<String> t = spawnHooked(scope, () -> ch.receiver().receive());
                while (ch.receiver().statistics().waitingReceivers() == 0) {
                    Weft.yieldNow();
                }
                t.cancel("cancelled while parked");
                trace.add("sent " + ch.sender().trySend("item"));
                ch.sender().close();
                trace.add("after close " + outcome(ch.receiver()::tryReceive));
                scope.join();
                return t.resultNow();
            }
        });
        assertEquals(List.of("sent true", "after close EndOfChannelException"), trace);
        assertEquals("item, then cancelled at the next checkpoint", receiver);
        assertThrows(EndOfChannelException.class, ch.receiver()::tryReceive);
    }

    @Test
    void aScopeFailureThatArrivesAsTheItemIsHandedOverIsRaisedAtTheNextCheckpointNotLost() {
        // The failure of a scope is thrown into its body once. A wait whose grant won must leave it
        // for the body's next checkpoint: before, the wait threw it and put the item back. A
        // parallel loop, so that the failing child runs while the body's thread is in the hook.
        Queue<String> q = Queue.fifo();
        Event go = Event.create();
        Waiter.beforeParkHook = w -> {
            if (w.thread == hooked.get() && fired.compareAndSet(false, true)) {
                go.set();
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (!CancelScope.current().isCancelled() && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // until the child's failure cancelled the body
                }
                trace.add("body cancelled by the failure " + CancelScope.current().isCancelled());
                trace.add("put " + q.tryPut("item"));
            }
        };
        TaskScopeFailedException failed = assertThrows(TaskScopeFailedException.class, () ->
                Weft.run(LoopOptions.parallel(), () -> {
                    try (var scope = TaskScope.open()) {
                        scope.spawn(() -> {
                            go.awaitSet();
                            throw new IllegalStateException("the child failed");
                        });
                        hooked.set(Thread.currentThread());
                        trace.add("got " + q.get());
                        try {
                            Weft.checkCancelled();
                        } catch (TaskScopeFailedException e) {
                            trace.add("then the scope's failure at the next checkpoint");
                            throw e;
                        }
                        scope.join();
                    }
                }));
        assertEquals(List.of("body cancelled by the failure true", "put true", "got item",
                "then the scope's failure at the next checkpoint"), trace);
        assertEquals("the child failed", failed.getCause().getMessage());
        assertEquals(Optional.empty(), q.tryGet(), "nothing went back");
    }

    // ---- a claim given back ----------------------------------------------------------------------

    @Test
    void aReceiverGivenBackAfterTheLastSenderClosedSeesTheEnd() {
        ChannelCore<String> ch = ChannelCore.open(0);
        WaitQueue.Node receiver = waitingReceiver(ch);
        Waiter claimed = ch.receivers.claimLone(); // a send claims it, then finds its handle closed...
        assertSame(receiver.waiter, claimed);
        ch.firstSender().close(); // ...by another task: the last sender, whose close missed the claimed receiver
        ch.giveBack(ch.receivers, claimed);
        assertTrue(claimed.isDecided(), "given back to an ended channel, the receiver must see the end, not wait forever");
        assertSame(ChannelCore.END, receiver.waiter.awaitGrant(receiver).item);
    }

    @Test
    void aSenderGivenBackAfterTheLastReceiverClosedFailsAsBroken() {
        ChannelCore<String> ch = ChannelCore.open(0);
        WaitQueue.Node sender = waitingSender(ch, "item");
        Waiter claimed = ch.senders.claimLone();
        ch.firstReceiver().close();
        ch.giveBack(ch.senders, claimed);
        assertTrue(claimed.isDecided(), "given back to a broken channel, the send must fail, not wait forever");
        assertThrows(BrokenChannelException.class, () -> sender.waiter.awaitGrant(sender));
    }

    @Test
    void aReceiverGivenBackAfterItsOwnHandleClosedFailsAsClosed() {
        ChannelCore<String> ch = ChannelCore.open(0);
        ReceiveHandle<String> own = ch.firstReceiver().clone();
        WaitQueue.Node receiver;
        ch.lock.lock();
        try {
            receiver = ch.enqueueReceiver(new Waiter(), own);
        } finally {
            ch.lock.unlock();
        }
        Waiter claimed = ch.receivers.claimLone();
        own.close();
        ch.giveBack(ch.receivers, claimed);
        assertTrue(claimed.isDecided(), "its handle was closed while it was claimed");
        assertThrows(ClosedResourceException.class, () -> receiver.waiter.awaitGrant(receiver));
        assertFalse(ch.firstSender().trySend("x"), "no receiver waits any more");
    }

    private static WaitQueue.Node waitingReceiver(ChannelCore<String> ch) {
        ch.lock.lock();
        try {
            return ch.enqueueReceiver(new Waiter(), ch.firstReceiver());
        } finally {
            ch.lock.unlock();
        }
    }

    private static WaitQueue.Node waitingSender(ChannelCore<String> ch, String item) {
        ch.lock.lock();
        try {
            return ch.enqueueSender(new Waiter(), item, ch.firstSender());
        } finally {
            ch.lock.unlock();
        }
    }
}

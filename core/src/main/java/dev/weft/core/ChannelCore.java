package dev.weft.core;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state shared by every handle of one {@link Channel}: the buffer, the waiting senders and
 * receivers, and how many handles of each kind are open.
 *
 * <h2>Implementation notes</h2>
 * Guarded by {@code lock}: {@code buffer}, {@code senders} (nodes carry the offered item and are
 * tagged with their {@link SendHandle}), {@code receivers} (tagged with their
 * {@link ReceiveHandle}), the open counts, and each handle's {@code closed} flag.
 * <p>Invariants, which make service first come, first served: receivers wait only while the
 * buffer is empty (a send hands its item straight to the first receiver), and senders wait only
 * while it is full (a receive moves the first sender's item into the freed slot; with capacity 0
 * the receive takes the item from the sender). Nothing is ever put back: a receiver handed an
 * item as it is being cancelled keeps it ({@link Waiter}, ADR 0011), so once a receiver was
 * handed {@link #END}, no item can appear in the channel any more.
 * <p>The end of the channel is handed to receivers as the item {@link #END}, which a plain
 * receive turns into {@link EndOfChannelException} and a select may turn into its {@code onEnd}
 * result. Broken and closed-handle outcomes are {@link Waiter.Failure}s.
 * <p><b>Rendezvous without the lock.</b> On a rendezvous channel, a send or receive that waits
 * while no one else of its kind waits is left claimable ({@link WaitQueue#enqueueClaimable}),
 * and a partner's send or receive first tries to claim it without the lock
 * ({@link #sendToLoneReceiver}, {@link #receiveFromLoneSender}) and decides it with one CAS on
 * its waiter ({@link Waiter#handOver}). Such a hand-off is one of the hand-offs the locked path
 * would have made: the claimed waiter is the first of its kind, and the claimer's handle is
 * checked again after the claim, when the waiter is already there, so a close of that handle
 * either comes after the hand-off or stops it (the claimed waiter is then given back, first in
 * line: {@link #giveBack}). Between a claim and its grant the waiter is counted nowhere: a
 * statistics snapshot taken in that instant misses it, and so does a close. A close that missed
 * it can only be of a handle other than the claimer's (which the claimer checks after it), so
 * the hand-off then goes ahead as part of a send and a receive that both began before the close
 * and end after it; if the claimer's own handle was closed, {@link #giveBack} applies to the
 * waiter what the closes meant for it (the end, a broken channel, its own closed handle), so it
 * never waits on a channel that has ended. Select clauses always take the locked path.
 * <p>A select's nodes may sit in several channels' queues; a node decided through another
 * channel is skipped ({@link WaitQueue#handFirst}, {@link WaitQueue#grantFirst}). A select locks
 * the channels it involves all at once, in {@code id} order, so that it can check and register
 * atomically; nothing else holds two channel locks.
 */
final class ChannelCore<T> {
    /** The end of the channel, handed to a receiver instead of an item. */
    static final Object END = new Object() {
        @Override
        public String toString() {
            return "END";
        }
    };
    /** What {@link #receiveLocked} returns when a receive would have to wait. */
    static final Object NOTHING = new Object() {
        @Override
        public String toString() {
            return "NOTHING";
        }
    };

    private static final AtomicLong IDS = new AtomicLong();

    final long id = IDS.incrementAndGet();
    final ReentrantLock lock = new ReentrantLock();
    final WaitQueue senders = new WaitQueue(lock, this);
    final WaitQueue receivers = new WaitQueue(lock, this);
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private final int capacity;
    /** Capacity 0: a sender or receiver waiting alone may be claimed without the lock. */
    final boolean rendezvous;
    private int openSenders = 1;
    private int openReceivers = 1;
    private final SendHandle<T> firstSender;
    private final ReceiveHandle<T> firstReceiver;

    private ChannelCore(int capacity) {
        this.capacity = capacity;
        this.rendezvous = capacity == 0;
        this.firstSender = new SendHandle<>(this);
        this.firstReceiver = new ReceiveHandle<>(this);
    }

    public static <T> ChannelCore<T> open(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("Channel.open(" + capacity + "): the capacity is negative; pass 0 for a "
                    + "rendezvous channel, a positive buffer size, or Channel.UNBOUNDED");
        }
        return new ChannelCore<>(capacity);
    }

    public SendHandle<T> firstSender() {
        return firstSender;
    }

    public ReceiveHandle<T> firstReceiver() {
        return firstReceiver;
    }

    // ---- operations, under lock ----------------------------------------------------------------

    /** Sends at once if possible. Returns false if the sender would have to wait. */
    boolean sendLocked(SendHandle<T> from, T item, String call) {
        assert lock.isHeldByCurrentThread();
        if (from.closed) {
            throw closedHandle("SendChannel." + call);
        }
        if (openReceivers == 0) {
            throw broken("SendChannel." + call);
        }
        if (receivers.handFirst(item) != null) {
            return true;
        }
        if (buffer.size() < capacity) {
            buffer.addLast(item);
            return true;
        }
        return false;
    }

    /** Receives at once if possible: an item, {@link #END}, or {@link #NOTHING} if it would wait. */
    Object receiveLocked(ReceiveHandle<T> by, String call) {
        assert lock.isHeldByCurrentThread();
        if (by.closed) {
            throw closedHandle("ReceiveChannel." + call);
        }
        if (!buffer.isEmpty()) {
            T item = buffer.removeFirst();
            while (buffer.size() < capacity) {
                WaitQueue.Node sender = senders.grantFirst();
                if (sender == null) {
                    break;
                }
                buffer.addLast(offered(sender));
            }
            return item;
        }
        WaitQueue.Node sender = senders.grantFirst();
        if (sender != null) {
            return offered(sender);
        }
        return openSenders == 0 ? END : NOTHING;
    }

    /**
     * Queues a send that must wait (not a select's). On a rendezvous channel a sender waiting
     * alone is left claimable by a receive without the lock.
     */
    WaitQueue.Node enqueueSender(Waiter w, T item, SendHandle<T> from) {
        assert lock.isHeldByCurrentThread();
        return rendezvous ? senders.enqueueClaimable(w, item, from) : senders.enqueue(w, item, from);
    }

    /**
     * Queues a receive that must wait (not a select's). On a rendezvous channel a receiver
     * waiting alone is left claimable by a send without the lock.
     */
    WaitQueue.Node enqueueReceiver(Waiter w, ReceiveHandle<T> by) {
        assert lock.isHeldByCurrentThread();
        return rendezvous ? receivers.enqueueClaimable(w, null, by) : receivers.enqueue(w, null, by);
    }

    // ---- the rendezvous hand-off without the lock ---------------------------------------------

    /**
     * For a send on a rendezvous channel, before it takes the lock: hands {@code item} to a
     * receiver waiting alone, claimed without the lock ({@link WaitQueue#claimLonePolling}).
     * Returns false if no receiver was claimed, the one claimed was cancelled first, or
     * {@code from} was closed while this send looked (the receiver is then given back, first in
     * line); the send then takes the locked path, which throws for a closed handle.
     */
    boolean sendToLoneReceiver(SendHandle<T> from, T item) {
        Waiter receiver = receivers.claimLonePolling();
        if (receiver == null) {
            return false;
        }
        if (from.closed) {
            // closed by another task while this send looked: the hand-off must not happen
            giveBack(receivers, receiver);
            return false;
        }
        return receiver.handOver(item);
    }

    /**
     * For a receive on a rendezvous channel, before it takes the lock: takes the item of a sender
     * waiting alone, claimed without the lock, as {@link #sendToLoneReceiver} does. Returns
     * {@link #NOTHING} if no sender was claimed, the one claimed was cancelled first, or
     * {@code by} was closed meanwhile.
     */
    Object receiveFromLoneSender(ReceiveHandle<T> by) {
        Waiter sender = senders.claimLonePolling();
        if (sender == null) {
            return NOTHING;
        }
        if (by.closed) {
            giveBack(senders, sender);
            return NOTHING;
        }
        return sender.handOver(Waiter.TAKEN) ? sender.offered : NOTHING;
    }

    @SuppressWarnings("unchecked")
    private T offered(WaitQueue.Node sender) {
        return (T) sender.item;
    }

    /**
     * Gives back a waiter of {@code queue} claimed by a call whose handle was closed meanwhile:
     * first in line again, and then decided as the closes it missed while it was claimed would
     * have decided it (its own handle closed, the last sender closed, the last receiver closed),
     * so that it never waits on a channel that has ended.
     */
    void giveBack(WaitQueue queue, Waiter claimed) {
        lock.lock();
        try {
            if (!queue.returnClaimed(claimed)) {
                return; // its own cancellation came first
            }
            Object tag = claimed.lonely.tag;
            if (queue == receivers) {
                if (((ReceiveHandle<?>) tag).closed) {
                    receivers.failTagged(tag, () -> closedWhileWaiting("ReceiveChannel.receive()"));
                } else if (openSenders == 0) {
                    receivers.handAll(END);
                }
            } else if (((SendHandle<?>) tag).closed) {
                senders.failTagged(tag, () -> closedWhileWaiting("SendChannel.send()"));
            } else if (openReceivers == 0) {
                senders.failAll(() -> broken("SendChannel.send()"));
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- handles ---------------------------------------------------------------------------------

    SendHandle<T> cloneSender(SendHandle<T> of) {
        lock.lock();
        try {
            if (of.closed) {
                throw closedHandle("SendChannel.clone()");
            }
            openSenders++;
            return new SendHandle<>(this);
        } finally {
            lock.unlock();
        }
    }

    ReceiveHandle<T> cloneReceiver(ReceiveHandle<T> of) {
        lock.lock();
        try {
            if (of.closed) {
                throw closedHandle("ReceiveChannel.clone()");
            }
            openReceivers++;
            return new ReceiveHandle<>(this);
        } finally {
            lock.unlock();
        }
    }

    void closeSender(SendHandle<T> handle) {
        lock.lock();
        try {
            if (handle.closed) {
                return;
            }
            handle.closed = true;
            senders.failTagged(handle, () -> closedWhileWaiting("SendChannel.send()"));
            if (--openSenders == 0) {
                assert buffer.isEmpty() || receivers.countWaiting() == 0;
                receivers.handAll(END);
            }
        } finally {
            lock.unlock();
        }
    }

    void closeReceiver(ReceiveHandle<T> handle) {
        lock.lock();
        try {
            if (handle.closed) {
                return;
            }
            handle.closed = true;
            receivers.failTagged(handle, () -> closedWhileWaiting("ReceiveChannel.receive()"));
            if (--openReceivers == 0) {
                senders.failAll(() -> broken("SendChannel.send()"));
                buffer.clear();
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- exceptions ------------------------------------------------------------------------------

    static ClosedResourceException closedHandle(String call) {
        return new ClosedResourceException(call + ": this handle was closed; keep it open while you use it, or "
                + "clone() a handle of your own for each task before closing");
    }

    private static ClosedResourceException closedWhileWaiting(String call) {
        return new ClosedResourceException(call + ": the handle was closed by another task while this call waited on it");
    }

    static BrokenChannelException broken(String call) {
        return new BrokenChannelException(call + ": every ReceiveChannel handle of the channel is closed; nobody "
                + "will receive the item");
    }

    static EndOfChannelException ended(String call) {
        return new EndOfChannelException(call + ": the channel has ended: every SendChannel handle was closed and "
                + "the buffer is drained");
    }

    // ---- queries ---------------------------------------------------------------------------------

    Channel.Statistics statistics() {
        lock.lock();
        try {
            return new Channel.Statistics(buffer.size(), capacity, openSenders, openReceivers,
                    senders.countWaiting(), receivers.countWaiting());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ChannelCore[" + id + ", " + statistics() + "]";
    }
}

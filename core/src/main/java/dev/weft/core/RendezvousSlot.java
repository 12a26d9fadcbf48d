package dev.weft.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The rendezvous fast path of one side of a rendezvous channel (its senders, or its receivers):
 * a send or receive that waits while no one else of its kind waits is left here, claimable by
 * its partner without the channel's lock (ADR 0010). Only {@link ChannelCore} uses it; every
 * other primitive waits in a plain {@link WaitQueue}.
 *
 * <h2>Implementation notes</h2>
 * The slot holds the waiter, not its node: the waiter carries its node ({@link Waiter#lonely})
 * and, for a send, the offered item ({@link Waiter#offered}), both written before it is
 * published here and never again. A partner takes the waiter with one atomic swap
 * ({@link #claim}) and decides it with one CAS that carries the item
 * ({@link Waiter#handOver}): the hand-off touches the slot and the waiter only (ADR 0010's
 * addendum).
 * <p><b>Locked code never sees the slot.</b> The channel's lock moves a waiter still here into
 * its queue, at the head, with the claimers' own swap, each time it is taken ({@link #absorb},
 * called by {@code ChannelCore}'s lock): exactly one of "claimed" and "absorbed" happens, and from there on
 * the node is served as any other, first come, first served, counted, failed and withdrawn
 * under the lock. The slot is filled only under the lock and only when the queue is empty, so it
 * always holds the first waiter, and never a decided one: a waiter here can be decided only by
 * its claimer or, once absorbed, under the lock.
 */
final class RendezvousSlot {
    private static final VarHandle LONE;

    static {
        try {
            LONE = MethodHandles.lookup().findVarHandle(RendezvousSlot.class, "lone", Waiter.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * How many times {@link #claimPolling} looks while the lock is held before it gives up,
     * with a spin-wait hint between looks: a few microseconds at most, several times as long as a
     * partner takes to queue itself even when the VM's cores are far apart.
     */
    private static final int PUBLISH_POLLS = 256;

    /** The queue a waiter here belongs to, and is absorbed into. */
    final WaitQueue queue;
    /**
     * The first waiter, whose node is kept out of the queue so that a partner may claim it
     * without the lock, or null. Set only under the lock, when the queue is empty; cleared by a
     * claimer's swap or by {@link #absorb}, which swaps as a claimer does.
     */
    private volatile Waiter lone;

    RendezvousSlot(WaitQueue queue) {
        this.queue = queue;
    }

    /**
     * Under the lock: queues a single-node waiter {@code w}, whose node is its own withdrawal, so
     * that a partner may claim it without the lock while no one else waits: then the waiter goes
     * into the slot (with its node and offered {@code item}), else the node goes to the tail of
     * the queue. Everything is set before the waiter is published, so that the waiting thread
     * need not write to it afterwards.
     */
    WaitQueue.Node enqueue(Waiter w, Object item, Object tag) {
        assert queue.lock.isHeldByCurrentThread();
        if (!queue.isEmpty()) {
            return queue.enqueue(w, item, tag);
        }
        WaitQueue.Node n = queue.detachedNode(w, item, tag);
        w.lonely = n;
        w.offered = item;
        lone = w;
        return n;
    }

    /**
     * Without the lock: takes the waiter in the slot, if any. The caller then is the only party
     * that may decide it, with {@link Waiter#handOver}, which still fails if the waiter's own
     * cancellation got there first (the waiter withdraws under the lock, which finds the slot
     * empty).
     */
    Waiter claim() {
        return lone == null ? null : (Waiter) LONE.getAndSet(this, (Waiter) null);
    }

    /**
     * {@link #claim} for a partner about to take the lock: while the lock is held (often by the
     * very waiter that is about to become claimable), keeps looking, up to
     * {@link #PUBLISH_POLLS} times, instead of queueing on the lock behind it: giving up parks
     * this call on the lock, and its wake-up later puts both parties on one carrier. Null if
     * nothing was claimed.
     */
    Waiter claimPolling() {
        for (int i = 0; ; i++) {
            Waiter n = claim();
            if (n != null || i == PUBLISH_POLLS || !queue.lock.isLocked()) {
                return n;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Under the lock: gives back a waiter claimed by {@link #claim} but not decided (its
     * claimer's handle was closed meanwhile): its node goes back to the head of the queue, first
     * again, unless the waiter was decided meanwhile (its own cancellation). Returns true if it
     * went back. The caller must then apply to it whatever happened while it was claimed and so
     * in no queue (a close that failed or ended every waiter): see {@code ChannelCore.giveBack}.
     */
    boolean giveBack(Waiter w) {
        assert queue.lock.isHeldByCurrentThread();
        if (w.isDecided()) {
            return false;
        }
        queue.linkFirst(w.lonely);
        return true;
    }

    /** How many waiters are in the slot: 0 or 1. Never a decided one. */
    int waiting() {
        return lone != null ? 1 : 0;
    }

    /** Under the lock, as it is taken: moves the waiter still in the slot, if any, to the queue's head. */
    void absorb() {
        Waiter w = claim(); // the claimers' own swap: exactly one of them and this takes the waiter
        if (w == null) {
            return;
        }
        assert !w.isDecided() : "a waiter in the slot is decided only by its claimer";
        queue.linkFirst(w.lonely);
    }
}

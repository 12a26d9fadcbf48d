package dev.weft.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The waiters of one kind of a sync primitive (a lock's acquirers, a queue's getters, a
 * channel's senders), first come first served: the engine under every primitive of
 * {@code dev.weft.core}.
 *
 * <h2>Implementation notes</h2>
 * An intrusive doubly linked list of {@link Node}s, guarded by {@link #lock}, the primitive's
 * lock (a {@link ReentrantLock}: it parks a virtual thread without pinning its carrier). Every
 * method but {@link #withdraw(Node)} (which takes it), {@link #claimLone()} and
 * {@link #claimLonePolling()} (which need none) requires that lock. A
 * node is unlinked by whoever decides its {@link Waiter}: the granter (which unlinks it first, so
 * a queue holds only waiters still waiting), the failer, or the waiting thread when it withdraws.
 * Grant loops skip and unlink nodes already decided through another queue, which only a select's
 * nodes can be.
 *
 * <p><b>The claimable slot.</b> A rendezvous channel lets a send or receive that waits alone be
 * claimed by its partner without the lock ({@link #enqueueClaimable}): its waiter goes into the
 * volatile {@code lone} slot and its node stays out of the list. A partner takes the waiter with
 * one atomic swap ({@link #claimLone}) and decides it with one CAS that carries the item
 * ({@link Waiter#handOver}); the channel never takes its lock for that hand-off, and the
 * hand-off touches the slot and the waiter only, not the node (ADR 0010, addendum). Every
 * locked method but {@link #countWaiting} (which counts it where it is) first takes a waiter
 * still in the slot out of it, by CAS, and links its node at the head of the list
 * ({@link #absorb}), so exactly one of "claimed" and "absorbed" happens, and
 * from there on the node is served as any other: first come, first served, counted, failed and
 * withdrawn under the lock. The slot is filled only under the lock and only when the list is
 * empty, so it always holds the first waiter, and it never holds a decided one: a waiter in the
 * slot can be decided only by its claimer or, once absorbed, under the lock.
 */
final class WaitQueue {
    private static final VarHandle LONE;

    static {
        try {
            LONE = MethodHandles.lookup().findVarHandle(WaitQueue.class, "lone", Waiter.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * How many times {@link #claimLonePolling} looks while the lock is held before it gives up,
     * with a spin-wait hint between looks: a few microseconds at most, several times as long as a
     * partner takes to queue itself even when the VM's cores are far apart.
     */
    private static final int PUBLISH_POLLS = 256;

    final ReentrantLock lock;
    private Node head;
    private Node tail;
    private int size;
    /**
     * The first waiter, whose node ({@link Waiter#lonely}) is kept out of the list so that a
     * partner may claim it without the lock, or null. Set only under the lock, when the list is
     * empty; cleared by a claimer's swap or by {@link #absorb}'s CAS.
     */
    private volatile Waiter lone;

    /** The primitive this queue belongs to (a lock, a queue, a channel...), for a dump. */
    final Object primitive;

    WaitQueue(ReentrantLock lock, Object primitive) {
        this.lock = lock;
        this.primitive = primitive;
    }

    /**
     * A waiter's place in one queue. For a waiter queued in this queue only, the node is also
     * its {@link Waiter.Withdrawal}; a select brings its own.
     */
    static final class Node implements Waiter.Withdrawal {
        final Waiter waiter;
        final WaitQueue queue;
        /** What the node is for, to find it again: a channel handle, a borrower; may be null. */
        final Object tag;
        /** Offered by the waiter (a put, a send) or handed to it (a get, a receive). */
        Object item;
        private Node prev;
        private Node next;
        private boolean linked;
        /**
         * Queued behind another waiter: it will not be served by the next grant, so its waiter
         * parks at once instead of yielding first. Written under the lock by the waiting thread.
         */
        boolean queuedBehind;

        private Node(Waiter waiter, WaitQueue queue, Object item, Object tag) {
            this.waiter = waiter;
            this.queue = queue;
            this.item = item;
            this.tag = tag;
        }

        /**
         * Queued by {@link #enqueueClaimable} into the slot: a partner may claim its waiter
         * without the lock, so the waiter may spin.
         */
        boolean claimable() {
            return waiter.lonely == this;
        }

        @Override
        public boolean withdraw(Waiter w) {
            assert w == waiter : "a node withdraws only its own waiter";
            return queue.withdraw(this);
        }

        @Override
        public String toString() {
            return "Node[" + Waiter.describe(waiter.holder()) + (tag != null ? ", " + tag : "") + "]";
        }
    }

    /** Queues {@code w} at the tail with an offered {@code item} and a {@code tag}. */
    Node enqueue(Waiter w, Object item, Object tag) {
        assert lock.isHeldByCurrentThread();
        absorb();
        Node n = new Node(w, this, item, tag);
        n.queuedBehind = tail != null;
        n.prev = tail;
        if (tail == null) {
            head = n;
        } else {
            tail.next = n;
        }
        tail = n;
        n.linked = true;
        size++;
        return n;
    }

    /** A new waiter for the current thread, whose task (or null) is {@code task}, queued at the tail. */
    Node enqueue(TaskImpl<?> task) {
        return enqueue(new Waiter(task), null, null);
    }

    /**
     * Queues a single-node waiter {@code w}, whose node is its own withdrawal, so that a partner
     * may claim it without the lock while no one else waits here: then the waiter goes into the
     * claimable slot (with its node and offered {@code item}), else the node goes to the tail of
     * the list. Everything is set before the waiter is published, so that the waiting thread need
     * not write to it afterwards.
     */
    Node enqueueClaimable(Waiter w, Object item, Object tag) {
        assert lock.isHeldByCurrentThread();
        absorb();
        if (head != null) {
            return enqueue(w, item, tag);
        }
        Node n = new Node(w, this, item, tag);
        w.lonely = n;
        w.offered = item;
        lone = w;
        return n;
    }

    /**
     * Without the lock: takes the waiter in the claimable slot, if any. The caller then is the
     * only party that may decide it, with {@link Waiter#handOver}, which still fails if the
     * waiter's own cancellation got there first (the waiter withdraws under the lock, which finds
     * the slot empty).
     */
    Waiter claimLone() {
        return lone == null ? null : (Waiter) LONE.getAndSet(this, (Waiter) null);
    }

    /**
     * {@link #claimLone} for a partner about to take the lock: while the lock is held (often by
     * the very waiter that is about to become claimable), keeps looking, up to
     * {@link #PUBLISH_POLLS} times, instead of queueing on the lock behind it: giving up parks
     * this call on the lock, and its wake-up later puts both parties on one carrier. Null if
     * nothing was claimed.
     */
    Waiter claimLonePolling() {
        for (int i = 0; ; i++) {
            Waiter n = claimLone();
            if (n != null || i == PUBLISH_POLLS || !lock.isLocked()) {
                return n;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Gives back a waiter claimed by {@link #claimLone} but not decided (its claimer's handle was
     * closed meanwhile): its node goes back to the head of the list, first again, unless the
     * waiter was decided meanwhile (its own cancellation). Returns true if it went back. The
     * caller must then apply to it whatever happened while it was claimed and so in no list
     * (a close that failed or ended every waiter): see {@code ChannelCore.giveBack}.
     */
    boolean returnClaimed(Waiter w) {
        assert lock.isHeldByCurrentThread();
        absorb();
        if (w.isDecided()) {
            return false;
        }
        linkFirst(w.lonely);
        return true;
    }

    /** Under the lock: moves the node of the waiter in the claimable slot, if any, to the list's head. */
    void absorb() {
        assert lock.isHeldByCurrentThread();
        Waiter w = lone;
        if (w == null || !LONE.compareAndSet(this, w, null)) {
            return;
        }
        assert !w.isDecided() : "a waiter in the claimable slot is decided only by its claimer";
        linkFirst(w.lonely);
    }

    private void linkFirst(Node n) {
        n.next = head;
        if (head == null) {
            tail = n;
        } else {
            head.prev = n;
        }
        head = n;
        n.linked = true;
        size++;
    }

    /** Takes {@code n} out of the queue if it is still in. */
    void unlink(Node n) {
        assert lock.isHeldByCurrentThread();
        if (!n.linked) {
            return;
        }
        if (n.prev == null) {
            head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = n.next = null;
        n.linked = false;
        size--;
    }

    /** For a cancelled single-node waiter: under the lock, cancel it and unlink its node. */
    boolean withdraw(Node n) {
        lock.lock();
        try {
            absorb();
            if (!n.waiter.cancel()) {
                return false;
            }
            unlink(n);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** How many nodes are queued. For a queue without select nodes, the number of waiters. */
    int size() {
        assert lock.isHeldByCurrentThread();
        absorb();
        return size;
    }

    boolean isEmpty() {
        assert lock.isHeldByCurrentThread();
        absorb();
        return size == 0;
    }

    /**
     * How many waiters still wait (skips select nodes decided through another queue). A waiter in
     * the claimable slot is counted where it is: a statistics call does not take it out of the
     * slot, so it does not send the next hand-off down the locked path.
     */
    int countWaiting() {
        assert lock.isHeldByCurrentThread();
        int n = lone != null ? 1 : 0; // never decided while in the slot
        for (Node x = head; x != null; x = x.next) {
            if (!x.waiter.isDecided()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Grants the first waiter still waiting, leaving its node's item as it is (a sender's
     * offered item, read by the caller). Returns its node, unlinked, or null if none waits.
     */
    Node grantFirst() {
        assert lock.isHeldByCurrentThread();
        absorb();
        for (Node n; (n = head) != null; ) {
            unlink(n);
            if (n.waiter.grant(n)) {
                return n;
            }
        }
        return null;
    }

    /** Hands {@code item} to the first waiter still waiting. Returns its node, or null if none waits. */
    Node handFirst(Object item) {
        assert lock.isHeldByCurrentThread();
        absorb();
        for (Node n; (n = head) != null; ) {
            unlink(n);
            Object before = n.item;
            n.item = item;
            if (n.waiter.grant(n)) {
                return n;
            }
            n.item = before;
        }
        return null;
    }

    /** Hands {@code item} to every waiter, in order. Returns how many were granted. */
    int handAll(Object item) {
        int granted = 0;
        while (handFirst(item) != null) {
            granted++;
        }
        return granted;
    }

    /** Fails every waiter. */
    void failAll(Waiter.Failure failure) {
        assert lock.isHeldByCurrentThread();
        absorb();
        for (Node n; (n = head) != null; ) {
            unlink(n);
            n.waiter.fail(failure);
        }
    }

    /** Fails every waiter whose node has {@code tag}. */
    void failTagged(Object tag, Waiter.Failure failure) {
        assert lock.isHeldByCurrentThread();
        absorb();
        for (Node n = head; n != null; ) {
            Node next = n.next;
            if (n.tag == tag) {
                unlink(n);
                n.waiter.fail(failure);
            }
            n = next;
        }
    }

    /** True if a queued node whose waiter still waits has {@code tag} (compared by identity). */
    boolean hasWaitingTag(Object tag) {
        assert lock.isHeldByCurrentThread();
        absorb();
        for (Node n = head; n != null; n = n.next) {
            if (n.tag == tag && !n.waiter.isDecided()) {
                return true;
            }
        }
        return false;
    }
}

package dev.weft.core;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The waiters of one kind of a sync primitive (a lock's acquirers, a queue's getters, a
 * channel's senders), first come first served: the engine under every primitive of
 * {@code dev.weft.core}.
 *
 * <h2>Implementation notes</h2>
 * An intrusive doubly linked list of {@link Node}s, guarded by {@link #lock}, the primitive's
 * lock (a {@link ReentrantLock}: it parks a virtual thread without pinning its carrier). Every
 * method but {@link #withdraw(Node)} (which takes it) requires that lock. A node is unlinked by
 * whoever decides its {@link Waiter}: the granter (which unlinks it first, so a queue holds only
 * waiters still waiting), the failer, or the waiting thread when it withdraws. Grant loops skip
 * and unlink nodes already decided through another queue, which only a select's nodes can be.
 * A rendezvous channel's fast path lives beside its channel, in {@link RendezvousSlot}, and
 * reaches this queue only through {@link #detachedNode} and {@link #linkFirst}.
 */
final class WaitQueue {
    final ReentrantLock lock;
    private Node head;
    private Node tail;
    private int size;
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
     * A node for {@code w} in this queue, not linked: for a channel's {@link RendezvousSlot},
     * which links it with {@link #linkFirst} if its waiter is not claimed first.
     */
    Node detachedNode(Waiter w, Object item, Object tag) {
        return new Node(w, this, item, tag);
    }

    /** Links {@code n}, not linked yet, at the head: first in line. */
    void linkFirst(Node n) {
        assert lock.isHeldByCurrentThread() && !n.linked;
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
        return size;
    }

    boolean isEmpty() {
        assert lock.isHeldByCurrentThread();
        return size == 0;
    }

    /** How many waiters still wait (skips select nodes decided through another queue). */
    int countWaiting() {
        assert lock.isHeldByCurrentThread();
        int n = 0;
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
        for (Node n; (n = head) != null; ) {
            unlink(n);
            n.waiter.fail(failure);
        }
    }

    /** Fails every waiter whose node has {@code tag}. */
    void failTagged(Object tag, Waiter.Failure failure) {
        assert lock.isHeldByCurrentThread();
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
        for (Node n = head; n != null; n = n.next) {
            if (n.tag == tag && !n.waiter.isDecided()) {
                return true;
            }
        }
        return false;
    }
}

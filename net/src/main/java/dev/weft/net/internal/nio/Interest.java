package dev.weft.net.internal.nio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.locks.LockSupport;

/**
 * The tasks waiting on one channel, one slot per operation; the selection key's attachment.
 *
 * <p>A slot holds the parked thread of the task waiting for that operation, or null. A waiting
 * task puts itself in its slot, asks the selector thread to arm the operation
 * ({@link #request}), parks, and leaves when its slot no longer holds it. Whoever empties a slot
 * (the selector thread on readiness or close, a newer waiter replacing it) unparks the thread it
 * took out; a cancelled task empties its own slot. Slots are swapped atomically, so no lock and
 * no promise is needed, and a wake-up is never lost or given twice.
 * <p>{@link #key} and {@link #nextRequest} belong to the selector thread and the request stack.
 */
final class Interest implements java.util.function.Function<Thread, String> {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Thread[].class);
    private static final VarHandle REQUESTED;
    private static final int ALL = SelectionKey.OP_READ | SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT
            | SelectionKey.OP_ACCEPT;

    static {
        try {
            REQUESTED = MethodHandles.lookup().findVarHandle(Interest.class, "requested", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final SelectableChannel channel;
    /** Selector thread only: the channel's key once registered. */
    SelectionKey key;
    /** The request stack's link; see {@link NioTransport}. */
    Interest nextRequest;
    /** The waiters, indexed by the operation's bit number ({@link #slot}). */
    private final Thread[] slots = new Thread[5];
    /** Operations waiters asked for that the selector thread has not armed yet. */
    @SuppressWarnings("unused") private volatile int requested;
    /**
     * Operations armed now that stay armed after they wake a waiter (written by the selector
     * thread only). A waiter for one of them parks without asking the selector for anything.
     */
    private volatile int standing;
    /** Selector thread: standing operations kept armed once already for nobody ({@link #fire}). */
    private int spared;
    /** Reading and accepting stay armed while someone keeps waiting; writing and connecting are one-shot. */
    static final int STANDING_OPS = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;

    Interest(SelectableChannel channel) {
        this.channel = channel;
    }

    private static int slot(int op) {
        if (Integer.bitCount(op) != 1 || (op & ALL) == 0) {
            throw new IllegalArgumentException("not a single SelectionKey operation: " + op
                    + "; pass one of OP_READ, OP_WRITE, OP_CONNECT, OP_ACCEPT");
        }
        return Integer.numberOfTrailingZeros(op);
    }

    /** Makes {@code t} the waiter for {@code op}; a waiter it replaces is woken (it will retry). */
    void enter(int op, Thread t) {
        Thread previous = (Thread) SLOTS.getAndSet(slots, slot(op), t);
        if (previous != null && previous != t) {
            LockSupport.unpark(previous);
        }
    }

    /**
     * For core's task dump, which finds this object as the park blocker of a waiting task's
     * thread ({@code LockSupport.getBlocker}): what {@code t} waits for here, e.g. "read on
     * java.nio.channels.SocketChannel[connected local=... remote=...]". Read racily; costs the
     * waiting path nothing.
     */
    @Override
    public String apply(Thread t) {
        StringBuilder ops = new StringBuilder();
        String[] names = {"read", "?", "write", "connect", "accept"};
        for (int i = 0; i < slots.length; i++) {
            if (SLOTS.getVolatile(slots, i) == t) {
                ops.append(ops.isEmpty() ? "" : "/").append(names[i]);
            }
        }
        return (ops.isEmpty() ? "wake-up" : ops) + " on " + channel;
    }

    /** True while {@code t} is still the waiter for {@code op} (not yet woken). */
    boolean waiting(int op, Thread t) {
        return SLOTS.getVolatile(slots, slot(op)) == t;
    }

    /** Removes {@code t} as the waiter for {@code op}, if it still is; true if it was. */
    boolean leave(int op, Thread t) {
        return SLOTS.compareAndSet(slots, slot(op), t, null);
    }

    /** True if someone waits for {@code op}. */
    boolean hasWaiter(int op) {
        return SLOTS.getVolatile(slots, slot(op)) != null;
    }

    /** Records that {@code op} must be armed; true if the interest must be pushed on the request stack. */
    boolean request(int op) {
        return ((int) REQUESTED.getAndBitwiseOr(this, op)) == 0;
    }

    /** Selector thread: takes the operations requested so far. */
    int takeRequested() {
        return (int) REQUESTED.getAndSet(this, 0);
    }

    /** True if {@code op} is armed and stays armed: a new waiter need not ask for it. */
    boolean isStanding(int op) {
        return (standing & op) != 0;
    }

    /** Selector thread: {@code ops} were just armed. */
    void armed(int ops) {
        standing |= ops & STANDING_OPS;
    }

    /** Set in {@link #fire}'s result when it woke at least one waiter. */
    static final int WOKE = 1 << 30;

    /**
     * Selector thread: {@code readyOps} fired. Wakes their waiters and returns the operations to
     * keep armed, with {@link #WOKE} set if it woke anyone.
     * <p>The rule: a standing operation is first taken out of {@link #standing}, then its slot is
     * read; a waiter writes its slot, then reads {@code standing}. So a waiter that saw the
     * operation standing is found here and woken (and the operation stays armed and standing),
     * and one that did not asks to arm it again: no wake-up is lost when nobody was waiting and
     * the operation is disarmed (else a level-triggered selector would report it round after
     * round, and a blocking select would never block).
     * <p>One exception, while the selector polls ({@code polling}): the first time a standing
     * operation fires for nobody after it last woke someone, it stays armed and standing (the
     * task woken last has most likely not read yet, and will wait again: disarming would make
     * that wait ask for arming). Nothing is taken from the slot's side by keeping it, so the rule
     * still holds; the next report for nobody, polling or not, disarms it. So a readiness nobody
     * claims is reported at most twice.
     */
    int fire(int readyOps, boolean polling) {
        int keep = 0;
        for (int ops = readyOps & ALL; ops != 0; ops &= ops - 1) {
            int op = Integer.lowestOneBit(ops);
            int i = Integer.numberOfTrailingZeros(op);
            boolean standingOp = (op & STANDING_OPS) != 0;
            if (standingOp && polling && (spared & op) == 0) {
                Thread t = (Thread) SLOTS.getAndSet(slots, i, null);
                if (t != null) {
                    LockSupport.unpark(t);
                    keep |= WOKE;
                } else {
                    spared |= op;
                }
                keep |= op;
                continue;
            }
            if (standingOp) {
                standing &= ~op;
                spared &= ~op;
            }
            Thread t = (Thread) SLOTS.getAndSet(slots, i, null);
            if (t != null) {
                LockSupport.unpark(t);
                keep |= WOKE;
                if (standingOp) {
                    standing |= op;
                    keep |= op;
                }
            }
        }
        return keep;
    }

    /**
     * Wakes every waiter: the channel was closed, or the transport is closing, or arming failed.
     * Nothing stays armed after it: {@link #standing} is cleared first, so a waiter that comes
     * later asks to arm again (where a closed channel or transport is noticed) instead of parking
     * on an operation that will never fire. (The waiter writes its slot, then reads
     * {@code standing}; here it is cleared, then the slots are read: one side sees the other.)
     */
    void wakeAll() {
        standing = 0;
        for (int i = 0; i < slots.length; i++) {
            if (SLOTS.getVolatile(slots, i) != null) {
                Thread t = (Thread) SLOTS.getAndSet(slots, i, null);
                if (t != null) {
                    LockSupport.unpark(t);
                }
            }
        }
    }
}

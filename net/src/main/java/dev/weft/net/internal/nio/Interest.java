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
final class Interest {
    private static final VarHandle READ;
    private static final VarHandle WRITE;
    private static final VarHandle CONNECT;
    private static final VarHandle ACCEPT;
    private static final VarHandle REQUESTED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            READ = l.findVarHandle(Interest.class, "read", Thread.class);
            WRITE = l.findVarHandle(Interest.class, "write", Thread.class);
            CONNECT = l.findVarHandle(Interest.class, "connect", Thread.class);
            ACCEPT = l.findVarHandle(Interest.class, "accept", Thread.class);
            REQUESTED = l.findVarHandle(Interest.class, "requested", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final SelectableChannel channel;
    /** Selector thread only: the channel's key once registered. */
    SelectionKey key;
    /** The request stack's link; see {@link NioTransport}. */
    Interest nextRequest;
    @SuppressWarnings("unused") private volatile Thread read;
    @SuppressWarnings("unused") private volatile Thread write;
    @SuppressWarnings("unused") private volatile Thread connect;
    @SuppressWarnings("unused") private volatile Thread accept;
    /** Operations waiters asked for that the selector thread has not armed yet. */
    @SuppressWarnings("unused") private volatile int requested;

    Interest(SelectableChannel channel) {
        this.channel = channel;
    }

    private static VarHandle slot(int op) {
        return switch (op) {
            case SelectionKey.OP_READ -> READ;
            case SelectionKey.OP_WRITE -> WRITE;
            case SelectionKey.OP_CONNECT -> CONNECT;
            case SelectionKey.OP_ACCEPT -> ACCEPT;
            default -> throw new IllegalArgumentException("not a single SelectionKey operation: " + op
                    + "; pass one of OP_READ, OP_WRITE, OP_CONNECT, OP_ACCEPT");
        };
    }

    /** Makes {@code t} the waiter for {@code op}; a waiter it replaces is woken (it will retry). */
    void enter(int op, Thread t) {
        Thread previous = (Thread) slot(op).getAndSet(this, t);
        if (previous != null && previous != t) {
            LockSupport.unpark(previous);
        }
    }

    /** True while {@code t} is still the waiter for {@code op} (not yet woken). */
    boolean waiting(int op, Thread t) {
        return slot(op).getVolatile(this) == t;
    }

    /** Removes {@code t} as the waiter for {@code op}, if it still is; true if it was. */
    boolean leave(int op, Thread t) {
        return slot(op).compareAndSet(this, t, null);
    }

    /** True if someone waits for {@code op}. */
    boolean hasWaiter(int op) {
        return slot(op).getVolatile(this) != null;
    }

    /** Records that {@code op} must be armed; true if the interest must be pushed on the request stack. */
    boolean request(int op) {
        return ((int) REQUESTED.getAndBitwiseOr(this, op)) == 0;
    }

    /** Selector thread: takes the operations requested so far. */
    int takeRequested() {
        return (int) REQUESTED.getAndSet(this, 0);
    }

    /** Wakes the waiters of every operation in {@code readyOps}. */
    void wake(int readyOps) {
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            wakeSlot(READ);
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            wakeSlot(WRITE);
        }
        if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
            wakeSlot(CONNECT);
        }
        if ((readyOps & SelectionKey.OP_ACCEPT) != 0) {
            wakeSlot(ACCEPT);
        }
    }

    private void wakeSlot(VarHandle slot) {
        if (slot.getVolatile(this) != null) {
            Thread t = (Thread) slot.getAndSet(this, null);
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /** Wakes every waiter: the channel was closed, or the transport is closing. */
    void wakeAll() {
        wake(SelectionKey.OP_READ | SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT | SelectionKey.OP_ACCEPT);
    }

    boolean isEmpty() {
        return READ.getVolatile(this) == null && WRITE.getVolatile(this) == null
                && CONNECT.getVolatile(this) == null && ACCEPT.getVolatile(this) == null;
    }
}

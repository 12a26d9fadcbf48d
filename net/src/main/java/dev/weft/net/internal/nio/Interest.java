package dev.weft.net.internal.nio;

import dev.weft.core.Promise;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * The tasks waiting on one channel, one slot per operation; the selection key's attachment.
 * Every field is read and written by the selector thread only.
 */
final class Interest {
    final SelectableChannel channel;
    SelectionKey key;
    private Promise<Void> read;
    private Promise<Void> write;
    private Promise<Void> connect;
    private Promise<Void> accept;

    Interest(SelectableChannel channel) {
        this.channel = channel;
    }

    /** Puts {@code p} in the slot of {@code op}; returns the waiter it replaces, or null. */
    Promise<Void> put(int op, Promise<Void> p) {
        Promise<Void> previous = get(op);
        switch (op) {
            case SelectionKey.OP_READ -> read = p;
            case SelectionKey.OP_WRITE -> write = p;
            case SelectionKey.OP_CONNECT -> connect = p;
            case SelectionKey.OP_ACCEPT -> accept = p;
            default -> throw new IllegalArgumentException("not a single SelectionKey operation: " + op
                    + "; pass one of OP_READ, OP_WRITE, OP_CONNECT, OP_ACCEPT");
        }
        return previous;
    }

    Promise<Void> get(int op) {
        return switch (op) {
            case SelectionKey.OP_READ -> read;
            case SelectionKey.OP_WRITE -> write;
            case SelectionKey.OP_CONNECT -> connect;
            case SelectionKey.OP_ACCEPT -> accept;
            default -> null;
        };
    }

    /** Wakes the waiters of every operation in {@code readyOps}. */
    void wake(int readyOps) {
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            NioTransport.wake(read);
            read = null;
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            NioTransport.wake(write);
            write = null;
        }
        if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
            NioTransport.wake(connect);
            connect = null;
        }
        if ((readyOps & SelectionKey.OP_ACCEPT) != 0) {
            NioTransport.wake(accept);
            accept = null;
        }
    }

    /** Wakes every waiter: the channel was closed, or the transport is closing. */
    void wakeAll() {
        wake(SelectionKey.OP_READ | SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT | SelectionKey.OP_ACCEPT);
    }

    boolean isEmpty() {
        return read == null && write == null && connect == null && accept == null;
    }
}

package dev.weft.core;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** A {@link ReceiveChannel}: one handle on a {@link ChannelCore}. */
final class ReceiveHandle<T> implements ReceiveChannel<T> {
    final ChannelCore<T> core;
    /** Written under the core's lock. */
    volatile boolean closed;

    ReceiveHandle(ChannelCore<T> core) {
        this.core = core;
    }

    @Override
    public T receive() {
        return receive("receive()");
    }

    private T receive(String call) {
        TaskImpl<?> task = Waiter.checkpoint("ReceiveChannel.", call);
        if (core.rendezvous && !closed) {
            Object claimed = core.receiveFromLoneSender(this);
            if (claimed != ChannelCore.NOTHING) {
                return itemOrEnd(claimed, call);
            }
        }
        WaitQueue.Node node;
        core.lock.lock();
        try {
            Object now = core.receiveLocked(this, call);
            if (now != ChannelCore.NOTHING) {
                return itemOrEnd(now, call);
            }
            node = core.enqueueReceiver(new Waiter(task), this);
        } finally {
            core.lock.unlock();
        }
        return itemOrEnd(node.waiter.awaitGrant(node).item, call);
    }

    @SuppressWarnings("unchecked")
    private T itemOrEnd(Object received, String call) {
        if (received == ChannelCore.END) {
            throw ChannelCore.ended("ReceiveChannel." + call);
        }
        return (T) received;
    }

    @Override
    public Optional<T> tryReceive() {
        core.lock.lock();
        try {
            Object now = core.receiveLocked(this, "tryReceive()");
            return now == ChannelCore.NOTHING ? Optional.empty() : Optional.of(itemOrEnd(now, "tryReceive()"));
        } finally {
            core.lock.unlock();
        }
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private T next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                try {
                    next = receive("iterator().hasNext()");
                    return true;
                } catch (EndOfChannelException end) {
                    return false;
                }
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the channel has ended: every SendChannel handle was closed "
                            + "and the buffer is drained");
                }
                T item = next;
                next = null;
                return item;
            }
        };
    }

    @Override
    public <R> SelectClause<R> onReceive(Function<? super T, ? extends R> onItem) {
        Checks.notNull(onItem, "ReceiveChannel.onReceive: the onItem callback");
        return new ReceiveClause<>(this, onItem, null);
    }

    @Override
    public <R> SelectClause<R> onReceive(Function<? super T, ? extends R> onItem, Supplier<? extends R> onEnd) {
        Checks.notNull(onItem, "ReceiveChannel.onReceive: the onItem callback");
        Checks.notNull(onEnd, "ReceiveChannel.onReceive: the onEnd callback");
        return new ReceiveClause<>(this, onItem, onEnd);
    }

    @Override
    public ReceiveHandle<T> clone() {
        return core.cloneReceiver(this);
    }

    @Override
    public void close() {
        core.closeReceiver(this);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public Channel.Statistics statistics() {
        return core.statistics();
    }

    @Override
    public String toString() {
        return "ReceiveChannel[" + (closed ? "closed" : "open") + ", " + core.statistics() + "]";
    }
}

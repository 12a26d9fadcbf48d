package dev.weft.core;

import java.util.function.Supplier;

/** A {@link SendChannel}: one handle on a {@link ChannelCore}. */
final class SendHandle<T> implements SendChannel<T> {
    final ChannelCore<T> core;
    /** Written under the core's lock. */
    volatile boolean closed;

    SendHandle(ChannelCore<T> core) {
        this.core = core;
    }

    @Override
    public void send(T item) {
        Checks.notNull(item, "SendChannel.send: the item");
        TaskImpl<?> task = Waiter.checkpoint("SendChannel.send()");
        if (core.rendezvous && !closed && core.sendToLoneReceiver(this, item)) {
            return;
        }
        WaitQueue.Node node;
        core.lock.lock();
        try {
            if (core.sendLocked(this, item, "send()")) {
                return;
            }
            node = core.enqueueSender(new Waiter(task), item, this);
        } finally {
            core.lock.unlock();
        }
        node.waiter.awaitGrant(node);
    }

    @Override
    public boolean trySend(T item) {
        Checks.notNull(item, "SendChannel.trySend: the item");
        core.lock.lock();
        try {
            return core.sendLocked(this, item, "trySend()");
        } finally {
            core.lock.unlock();
        }
    }

    @Override
    public <R> SelectClause<R> onSend(T item, Supplier<? extends R> onSent) {
        Checks.notNull(item, "SendChannel.onSend: the item");
        Checks.notNull(onSent, "SendChannel.onSend: the onSent callback");
        return new SendClause<>(this, item, onSent);
    }

    @Override
    public SendHandle<T> clone() {
        return core.cloneSender(this);
    }

    @Override
    public void close() {
        core.closeSender(this);
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
        return "SendChannel[" + (closed ? "closed" : "open") + ", " + core.statistics() + "]";
    }
}

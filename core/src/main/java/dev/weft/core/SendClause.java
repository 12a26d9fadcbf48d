package dev.weft.core;

import java.util.function.Supplier;

/** A send of one item in a select. */
final class SendClause<T, R> implements SelectClause<R>, SelectArm<R> {
    private static final Object SENT = new Object();

    private final SendHandle<T> handle;
    private final T item;
    private final Supplier<? extends R> onSent;

    SendClause(SendHandle<T> handle, T item, Supplier<? extends R> onSent) {
        this.handle = handle;
        this.item = item;
        this.onSent = onSent;
    }

    @Override
    public ChannelCore<?> core() {
        return handle.core;
    }

    @Override
    public Object tryLocked() {
        return handle.core.sendLocked(handle, item, "onSend() in Select") ? SENT : ChannelCore.NOTHING;
    }

    @Override
    public WaitQueue.Node register(Waiter w) {
        return handle.core.senders.enqueue(w, item, handle);
    }

    @Override
    public Object outcomeOf(WaitQueue.Node node) {
        return SENT;
    }

    @Override
    public R complete(Object outcome) {
        assert outcome == SENT;
        return onSent.get();
    }

    @Override
    public String toString() {
        return "onSend(" + item + ", " + handle + ")";
    }
}

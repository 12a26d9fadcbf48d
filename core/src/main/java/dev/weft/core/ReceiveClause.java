package dev.weft.core;

import java.util.function.Function;
import java.util.function.Supplier;

/** A receive in a select; {@code onEnd} is null when the end of the channel is an error. */
final class ReceiveClause<T, R> implements SelectClause<R>, SelectArm<R> {
    private final ReceiveHandle<T> handle;
    private final Function<? super T, ? extends R> onItem;
    private final Supplier<? extends R> onEnd;

    ReceiveClause(ReceiveHandle<T> handle, Function<? super T, ? extends R> onItem, Supplier<? extends R> onEnd) {
        this.handle = handle;
        this.onItem = onItem;
        this.onEnd = onEnd;
    }

    @Override
    public ChannelCore<?> core() {
        return handle.core;
    }

    @Override
    public Object tryLocked() {
        return handle.core.receiveLocked(handle, "onReceive() in Select");
    }

    @Override
    public WaitQueue.Node register(Waiter w) {
        return handle.core.receivers.enqueue(w, null, handle);
    }

    @Override
    public Object outcomeOf(WaitQueue.Node node) {
        return node.item;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R complete(Object outcome) {
        if (outcome != ChannelCore.END) {
            return onItem.apply((T) outcome);
        }
        if (onEnd == null) {
            throw ChannelCore.ended("onReceive() in Select (pass an onEnd callback to handle the end)");
        }
        return onEnd.get();
    }

    @Override
    public String toString() {
        return "onReceive(" + handle + ")";
    }
}

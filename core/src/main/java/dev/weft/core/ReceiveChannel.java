package dev.weft.core;

import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The receiving end of a {@link Channel}: one handle of possibly many, and an {@link Iterable}
 * that runs until the end of the channel (Trio's {@code async for x in receive_channel}).
 *
 * <pre>{@code
 * try (ReceiveChannel<Job> in = ch.receiver()) {
 *     for (Job j : in) {          // each step waits for the next item
 *         j.run();
 *     }
 * }                               // ends once every sender closed and the buffer is drained
 * }</pre>
 *
 * <h2>Exceptions</h2>
 * <ul>
 * <li>{@link EndOfChannelException} from {@link #receive()}: every send handle was closed and
 *     the buffer is drained. Iteration ends instead.</li>
 * <li>{@link ClosedResourceException}: this handle was closed (before the call, or by another
 *     task while the call waited).</li>
 * </ul>
 *
 * <h2>Cancellation</h2>
 * {@link #receive()} and the iterator's {@code hasNext()} are cancellation points. A receive
 * cancelled while it waits, before an item was handed to it, takes nothing and throws. If an item
 * was handed to it first, it keeps it and returns it, and the cancellation is raised at the
 * task's next blocking call (as in Trio): nothing ever goes back into the channel, so once a
 * receiver saw {@link EndOfChannelException}, no item can appear after it.
 * {@link #tryReceive()} and {@link #close()} never block.
 *
 * <h2>Thread-safety</h2>
 * A handle may be shared by many tasks; each may also {@link #clone()} its own. An iterator
 * belongs to one task.
 *
 * @param <T> the item type
 */
public sealed interface ReceiveChannel<T> extends AutoCloseable, Iterable<T>
        permits ReceiveHandle {

    /**
     * Receives the next item, waiting until there is one. A cancellation point.
     *
     * @throws EndOfChannelException if every send handle is closed and the buffer is empty
     * @throws ClosedResourceException if this handle is closed
     */
    T receive();

    /**
     * Receives the next item if there is one at once; never blocks.
     *
     * @return the item, or empty if receiving would have to wait
     * @throws EndOfChannelException if every send handle is closed and the buffer is empty
     * @throws ClosedResourceException if this handle is closed
     */
    Optional<T> tryReceive();

    /**
     * An iterator over the items until the end of the channel: {@code hasNext()} receives the
     * next item, waiting for it (a cancellation point), and returns false at the end. The item
     * is then held by the iterator until {@code next()}: an iterator dropped after a
     * {@code hasNext()} that returned true drops that item.
     */
    @Override
    Iterator<T> iterator();

    /**
     * A clause for {@link Select}: receives an item if the select picks this clause and returns
     * {@code onItem.apply(item)} from the select. If the channel has ended, the select throws
     * {@link EndOfChannelException}.
     */
    <R> SelectClause<R> onReceive(Function<? super T, ? extends R> onItem);

    /**
     * Like {@link #onReceive(Function)}, but the end of the channel is one more outcome: the
     * select returns {@code onEnd.get()}. An ended channel is always ready, so drop it from
     * later selects.
     */
    <R> SelectClause<R> onReceive(Function<? super T, ? extends R> onItem, Supplier<? extends R> onEnd);

    /**
     * A new receive handle of the same channel (Trio's {@code clone}), open until closed on its
     * own; the channel is broken when every receive handle is closed.
     *
     * @throws ClosedResourceException if this handle is closed
     */
    ReceiveChannel<T> clone();

    /**
     * Closes this handle; a call waiting on it throws {@link ClosedResourceException}. If it was
     * the last receive handle, the channel is broken: buffered items are dropped and senders get
     * {@link BrokenChannelException}. Idempotent; never blocks.
     */
    @Override
    void close();

    /** True once this handle was closed. */
    boolean isClosed();

    /** A snapshot of the channel's state. */
    Channel.Statistics statistics();
}

package dev.weft.core;

import java.util.function.Supplier;

/**
 * The sending end of a {@link Channel}: one handle of possibly many. Closing the last send handle
 * ends the channel for its receivers.
 *
 * <pre>{@code
 * try (SendChannel<Job> out = ch.sender()) {
 *     for (Job j : jobs) {
 *         out.send(j);
 *     }
 * }                              // receivers see the end once they have the jobs
 * }</pre>
 *
 * <h2>Exceptions</h2>
 * <ul>
 * <li>{@link ClosedResourceException}: this handle was closed (before the call, or by another
 *     task while the call waited).</li>
 * <li>{@link BrokenChannelException}: every receive handle was closed; nobody will take the
 *     item.</li>
 * </ul>
 *
 * <h2>Cancellation</h2>
 * {@link #send(Object)} is a cancellation point. If it throws {@link CancelledException}, the
 * item was not sent; if the item was taken as the task was cancelled, {@code send} returns and
 * the cancellation is raised at the task's next blocking call. {@link #trySend(Object)} and {@link #close()} never block.
 *
 * <h2>Thread-safety</h2>
 * A handle may be shared by many tasks; each may also {@link #clone()} its own.
 *
 * @param <T> the item type
 */
public sealed interface SendChannel<T> extends AutoCloseable permits SendHandle {

    /**
     * Sends {@code item}, waiting while the buffer is full (for a rendezvous channel: until a
     * receiver takes it). A cancellation point.
     *
     * @throws ClosedResourceException if this handle is closed
     * @throws BrokenChannelException if every receive handle is closed
     * @throws NullPointerException if {@code item} is null
     */
    void send(T item);

    /**
     * Sends {@code item} if it can go at once (a receiver waits, or the buffer has room); never
     * blocks.
     *
     * @return false if sending would have to wait
     * @throws ClosedResourceException if this handle is closed
     * @throws BrokenChannelException if every receive handle is closed
     */
    boolean trySend(T item);

    /**
     * A clause for {@link Select}: sends {@code item} if the select picks this clause, then
     * returns {@code onSent.get()} from the select.
     */
    <R> SelectClause<R> onSend(T item, Supplier<? extends R> onSent);

    /**
     * A new send handle of the same channel (Trio's {@code clone}), open until closed on its own;
     * the channel ends when every send handle is closed.
     *
     * @throws ClosedResourceException if this handle is closed
     */
    SendChannel<T> clone();

    /**
     * Closes this handle; a call waiting on it throws {@link ClosedResourceException}. If it was
     * the last send handle, receivers get what is buffered and then the end of the channel.
     * Idempotent; never blocks.
     */
    @Override
    void close();

    /** True once this handle was closed. */
    boolean isClosed();

    /** A snapshot of the channel's state. */
    Channel.Statistics statistics();
}

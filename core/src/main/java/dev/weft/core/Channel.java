package dev.weft.core;

/**
 * A closeable channel between tasks (Trio's memory channels, kotlinx's {@code Channel}): items
 * go in at a {@link SendChannel} handle and come out of a {@link ReceiveChannel} handle, in
 * order. {@link #open(int)} makes the channel and its first two handles.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.open(0);                  // rendezvous: no buffer
 * try (var scope = TaskScope.open()) {
 *     scope.spawn(() -> {
 *         try (SendChannel<String> out = ch.sender()) {  // closing it ends the stream
 *             for (String line : lines) {
 *                 out.send(line);                        // waits for a receiver
 *             }
 *         }
 *     });
 *     try (ReceiveChannel<String> in = ch.receiver()) {
 *         for (String line : in) {                       // stops at end-of-channel
 *             System.out.println(line);
 *         }
 *     }
 *     scope.join();
 * }
 * }</pre>
 *
 * <h2>Capacity</h2>
 * With capacity 0 (rendezvous), {@code send} waits until a receiver takes the item. With
 * capacity <i>n</i>, up to <i>n</i> items wait in a buffer and {@code send} waits only when it is
 * full. {@link #UNBOUNDED} never makes a sender wait.
 *
 * <h2>Handles and closing</h2>
 * A channel may have many senders and many receivers: {@link SendChannel#clone()} and
 * {@link ReceiveChannel#clone()} make more handles, each closed on its own (give each task its
 * own handle and let it close it with try-with-resources). Three outcomes are kept apart:
 * <table>
 * <caption>What closing does</caption>
 * <tr><th>when</th><th>the channel is</th><th>and then</th></tr>
 * <tr><td>every send handle is closed</td><td>ending</td><td>receivers get the buffered items,
 *     then {@link EndOfChannelException} (iteration simply stops): the normal end</td></tr>
 * <tr><td>every receive handle is closed</td><td>broken</td><td>{@code send} throws
 *     {@link BrokenChannelException}; blocked senders wake with it; buffered items are
 *     dropped</td></tr>
 * <tr><td>a handle is closed and then used</td><td>(unchanged)</td><td>that call throws
 *     {@link ClosedResourceException}, as does a call blocked on that handle when it is
 *     closed: a bug in the caller</td></tr>
 * </table>
 * {@link #close()} closes the two handles this object holds (not their clones).
 *
 * <h2>Choosing among channels</h2>
 * {@link Select#select(SelectClause[])} waits for the first of several receives and sends;
 * see {@link Select}.
 *
 * <h2>Cancellation</h2>
 * {@code send} and {@code receive} are cancellation points. A cancelled or timed-out receiver
 * never takes an item: one handed to it at the moment it was cancelled goes to the next receiver
 * or back to the front of the buffer. A sender cancelled after a receiver took its item
 * completes its send and sees the cancellation at its next blocking call. Waiters on each side
 * are served first come, first served.
 *
 * <h2>Thread-safety</h2>
 * Handles may be used by any number of tasks and threads at once. Null items are refused.
 *
 * @param <T> the item type
 */
public final class Channel<T> implements AutoCloseable {
    /** The capacity of a channel whose senders never wait. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private final SendChannel<T> sender;
    private final ReceiveChannel<T> receiver;

    private Channel(SendChannel<T> sender, ReceiveChannel<T> receiver) {
        this.sender = sender;
        this.receiver = receiver;
    }

    /**
     * Opens a channel with a buffer of {@code capacity} items: 0 for a rendezvous, or
     * {@link #UNBOUNDED}.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public static <T> Channel<T> open(int capacity) {
        var core = ChannelCore.<T>open(capacity);
        return new Channel<>(core.firstSender(), core.firstReceiver());
    }

    /** The channel's first send handle. */
    public SendChannel<T> sender() {
        return sender;
    }

    /** The channel's first receive handle. */
    public ReceiveChannel<T> receiver() {
        return receiver;
    }

    /** Closes {@link #sender()} and {@link #receiver()}. Idempotent. */
    @Override
    public void close() {
        sender.close();
        receiver.close();
    }

    @Override
    public String toString() {
        return "Channel" + sender.statistics();
    }

    /**
     * A snapshot of a channel's state, from either kind of handle.
     *
     * @param bufferedItems items in the buffer
     * @param capacity the buffer's size: 0 for a rendezvous, {@link #UNBOUNDED} for none
     * @param openSenders send handles not yet closed
     * @param openReceivers receive handles not yet closed
     * @param waitingSenders calls waiting in {@code send} (and selects waiting to send)
     * @param waitingReceivers calls waiting in {@code receive} (and selects waiting to receive)
     */
    public record Statistics(int bufferedItems, int capacity, int openSenders, int openReceivers,
                             int waitingSenders, int waitingReceivers) {}
}

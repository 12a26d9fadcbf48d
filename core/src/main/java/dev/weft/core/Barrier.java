package dev.weft.core;

/**
 * A meeting point for a fixed number of tasks (asyncio's {@code Barrier}): each calls
 * {@link #await()}, which returns once {@link #parties()} tasks have arrived. The barrier then
 * starts over for the next round.
 *
 * <pre>{@code
 * Barrier allLoaded = Barrier.create(3);
 * for (int i = 0; i < 3; i++) {
 *     scope.spawn(() -> {
 *         load();
 *         int arrival = allLoaded.await();   // 0, 1 and 2: distinct in each round
 *         if (arrival == 0) {
 *             announce();
 *         }
 *         compute();
 *     });
 * }
 * }</pre>
 *
 * <h2>States</h2>
 * <table>
 * <caption>Barrier states</caption>
 * <tr><th>state</th><th>{@code await()}</th><th>next</th></tr>
 * <tr><td>FILLING</td><td>waits, or, as the last party, releases every waiter and returns</td>
 *     <td>FILLING (the next round) when the last party arrives; BROKEN on {@link #abort()}</td></tr>
 * <tr><td>BROKEN</td><td>throws {@link BarrierBrokenException}</td>
 *     <td>FILLING on {@link #reset()}</td></tr>
 * </table>
 * {@link #abort()} wakes every waiter with {@link BarrierBrokenException} and leaves the barrier
 * broken. {@link #reset()} wakes every waiter with {@link BarrierBrokenException} and starts an
 * empty round.
 *
 * <h2>Arrival indices</h2>
 * {@code await()} returns the caller's place in its round: 0 for the first to arrive,
 * {@code parties() - 1} for the last. The indices of one round are distinct.
 *
 * <h2>Cancellation</h2>
 * {@code await()} is a cancellation point. A task cancelled (or timed out) while it waits
 * withdraws its arrival: the round then needs another party, and the barrier does not break
 * (as in asyncio; unlike {@code CyclicBarrier}). A round that completed at the moment a waiter
 * was cancelled counts it: the call returns its index and the cancellation is raised at the
 * task's next blocking call.
 *
 * <h2>Thread-safety</h2>
 * All methods may be called from any task or thread.
 */
public sealed interface Barrier permits BarrierImpl {

    /**
     * A barrier for {@code parties} tasks.
     *
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    static Barrier create(int parties) {
        return BarrierImpl.create(parties);
    }

    /**
     * Arrives and waits until {@link #parties()} tasks have arrived in this round. A cancellation
     * point.
     *
     * @return the caller's arrival index in the round, from 0 to {@code parties() - 1}
     * @throws BarrierBrokenException if the barrier is broken, or is aborted or reset while waiting
     * @throws CancelledException if the task is cancelled while waiting (its arrival is withdrawn)
     */
    int await();

    /** Breaks the barrier: waiters and later {@code await()} calls throw {@link BarrierBrokenException}. */
    void abort();

    /** Wakes the waiters with {@link BarrierBrokenException}, and starts an empty round, not broken. */
    void reset();

    /** How many tasks a round needs. */
    int parties();

    /** True after {@link #abort()} until {@link #reset()}. */
    boolean isBroken();

    /** A snapshot of the barrier's state. */
    Statistics statistics();

    /**
     * What {@link #statistics()} returns.
     *
     * @param parties how many tasks a round needs
     * @param waiting how many have arrived in the current round
     * @param broken whether the barrier is broken
     */
    record Statistics(int parties, int waiting, boolean broken) {}
}

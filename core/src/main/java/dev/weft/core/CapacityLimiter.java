package dev.weft.core;

import java.util.List;

/**
 * A pool of tokens that remembers who holds each one (Trio's {@code CapacityLimiter}): like a
 * {@link Semaphore}, but a task can hold at most one token, only the holder can give it back,
 * and the total can be changed while tokens are out.
 *
 * <pre>{@code
 * CapacityLimiter downloads = CapacityLimiter.create(5);
 * for (String url : urls) {
 *     scope.spawn(() -> {
 *         downloads.acquire();            // at most 5 tasks in here
 *         try {
 *             return fetch(url);
 *         } finally {
 *             downloads.release();
 *         }
 *     });
 * }
 * }</pre>
 *
 * <h2>Borrowers</h2>
 * {@link #acquire()} borrows a token for the calling task; {@link #acquireOnBehalfOf(Object)}
 * for any object (a request, a connection). A borrower that already holds a token and asks for
 * another gets {@link IllegalStateException} (waiting would deadlock with itself); a
 * {@link #release()} by a borrower that holds none gets {@link IllegalStateException} naming who
 * does. Tokens are handed out first come, first served.
 *
 * <h2>Changing the total</h2>
 * {@link #setTotalTokens(int)} raises or lowers the limit. Raising it hands tokens to waiters at
 * once; lowering it takes no token back: new borrowers wait until enough are returned.
 *
 * <h2>Cancellation</h2>
 * {@code acquire} is a cancellation point, even when a token is free. A cancelled or timed-out
 * waiter leaves the line without a token; if a token was handed to it first, {@code acquire}
 * returns holding it and the cancellation is raised at the next blocking call. {@code release} never blocks.
 *
 * <h2>Thread-safety</h2>
 * All methods may be called from any task or thread (a plain thread borrows as itself).
 */
public sealed interface CapacityLimiter permits CapacityLimiterImpl {

    /**
     * A limiter with {@code totalTokens} tokens.
     *
     * @throws IllegalArgumentException if {@code totalTokens} is less than 1
     */
    static CapacityLimiter create(int totalTokens) {
        return CapacityLimiterImpl.create(totalTokens);
    }

    /**
     * Borrows a token for the calling task, waiting until one is free. A cancellation point.
     *
     * @throws IllegalStateException if the task already holds a token of this limiter
     */
    void acquire();

    /**
     * Borrows a token for {@code borrower}, waiting until one is free. A cancellation point.
     *
     * @throws IllegalStateException if {@code borrower} already holds a token of this limiter
     * @throws NullPointerException if {@code borrower} is null
     */
    void acquireOnBehalfOf(Object borrower);

    /** Borrows a token for the calling task if one is free; never blocks. */
    boolean tryAcquire();

    /** Borrows a token for {@code borrower} if one is free; never blocks. */
    boolean tryAcquireOnBehalfOf(Object borrower);

    /**
     * Returns the calling task's token, to the longest waiter if there is one.
     *
     * @throws IllegalStateException if the task holds no token of this limiter
     */
    void release();

    /**
     * Returns {@code borrower}'s token.
     *
     * @throws IllegalStateException if {@code borrower} holds no token of this limiter
     */
    void releaseOnBehalfOf(Object borrower);

    /** The limit. */
    int totalTokens();

    /**
     * Changes the limit; see "Changing the total" above.
     *
     * @throws IllegalArgumentException if {@code totalTokens} is less than 1
     */
    void setTotalTokens(int totalTokens);

    /** How many tokens are out. */
    int borrowedTokens();

    /** How many tokens are free: the limit minus the borrowed ones, and never below zero. */
    int availableTokens();

    /** A snapshot of the limiter's state. */
    Statistics statistics();

    /**
     * What {@link #statistics()} returns.
     *
     * @param borrowedTokens tokens out
     * @param totalTokens the limit
     * @param borrowers who holds them: tasks, plain threads, or objects given to
     *     {@code acquireOnBehalfOf}, in the order they got them
     * @param waiters how many wait for a token
     */
    record Statistics(int borrowedTokens, int totalTokens, List<Object> borrowers, int waiters) {}
}

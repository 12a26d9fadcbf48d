package dev.weft.core;

import java.util.function.BooleanSupplier;

/**
 * A condition variable over a {@link Lock} (asyncio's and Trio's {@code Condition}): tasks wait,
 * with the lock released, until another task that holds the lock signals them.
 *
 * <pre>{@code
 * Lock lock = Lock.create();
 * Condition changed = Condition.create(lock);
 *
 * // a consumer
 * lock.acquire();
 * try {
 *     changed.awaitUntil(() -> !items.isEmpty());   // releases the lock while it waits
 *     take(items.remove(0));
 * } finally {
 *     lock.release();
 * }
 *
 * // a producer
 * lock.acquire();
 * try {
 *     items.add(x);
 *     changed.signal();
 * } finally {
 *     lock.release();
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 * {@link #awaitSignal()}, {@link #signal()} and {@link #signalAll()} must be called by the task
 * holding the lock, or they throw {@link IllegalStateException}. {@code awaitSignal()} releases
 * the lock, waits for a signal, and re-acquires the lock before it returns <b>in every case</b>,
 * including when it throws {@link CancelledException}: code after it, and its {@code finally}
 * blocks, always run with the lock held. Signals are not remembered: a signal with nobody waiting
 * is lost, so wait in a loop on the state you need ({@link #awaitUntil(BooleanSupplier)}).
 * Waiters are woken first come, first served.
 *
 * <h2>Cancellation</h2>
 * {@code awaitSignal()} is a cancellation point. A waiter cancelled after a signal chose it
 * returns as signalled, and the cancellation is raised at its next blocking call, so a
 * {@code signal()} is never lost on a cancelled task.
 *
 * <h2>Thread-safety</h2>
 * All methods may be called from any task or thread holding the lock.
 */
public sealed interface Condition permits ConditionImpl {

    /** A condition over a new lock of its own (see {@link #lock()}). */
    static Condition create() {
        return ConditionImpl.create(Lock.create());
    }

    /**
     * A condition over {@code lock}; several conditions may share one lock.
     *
     * @throws NullPointerException if {@code lock} is null
     */
    static Condition create(Lock lock) {
        return ConditionImpl.create(lock);
    }

    /** The lock this condition releases while waiting. */
    Lock lock();

    /**
     * Releases the lock, waits for {@link #signal()} or {@link #signalAll()}, and re-acquires the
     * lock. A cancellation point; the lock is held again when this returns or throws.
     *
     * @throws IllegalStateException if the caller does not hold the lock
     * @throws CancelledException if the task is cancelled while waiting (the lock is re-acquired
     *     first)
     */
    void awaitSignal();

    /**
     * Waits until {@code predicate} holds: checks it, and calls {@link #awaitSignal()} while it is
     * false. The predicate runs with the lock held.
     *
     * @throws IllegalStateException if the caller does not hold the lock
     */
    void awaitUntil(BooleanSupplier predicate);

    /**
     * Wakes the longest-waiting task, if any. Never blocks.
     *
     * @throws IllegalStateException if the caller does not hold the lock
     */
    void signal();

    /**
     * Wakes every waiting task. Never blocks.
     *
     * @throws IllegalStateException if the caller does not hold the lock
     */
    void signalAll();

    /** A snapshot of the condition's state. */
    Statistics statistics();

    /**
     * What {@link #statistics()} returns.
     *
     * @param waiters how many tasks wait for a signal
     * @param lock the lock's statistics
     */
    record Statistics(int waiters, Lock.Statistics lock) {}
}

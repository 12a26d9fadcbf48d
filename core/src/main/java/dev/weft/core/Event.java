package dev.weft.core;

/**
 * A flag that tasks can wait for (asyncio's and Trio's {@code Event}): {@link #awaitSet()}
 * returns once the flag is set; {@link #set()} wakes every waiter.
 *
 * <pre>{@code
 * Event ready = Event.create();
 * scope.spawn(() -> { loadConfig(); ready.set(); });
 * ready.awaitSet();            // returns once loadConfig() is done
 * }</pre>
 *
 * <h2>Semantics</h2>
 * Setting a set event does nothing; {@link #clear()} makes later {@code awaitSet()} calls wait
 * again. Every task waiting when {@code set()} is called returns, even if the event is cleared
 * before it gets to run.
 *
 * <h2>Cancellation</h2>
 * {@link #awaitSet()} is a cancellation point, even when the event is already set. A cancelled
 * or timed-out waiter simply leaves; it takes nothing from the others.
 *
 * <h2>Thread-safety</h2>
 * All methods may be called from any task or thread; {@code set()}, {@code clear()} and
 * {@code isSet()} never block and may be called from loop callbacks.
 */
public sealed interface Event permits EventImpl {

    /** A new event, not set. */
    static Event create() {
        return EventImpl.create();
    }

    /** Sets the flag and wakes every waiting task. Never blocks. */
    void set();

    /** Clears the flag: later {@link #awaitSet()} calls wait until the next {@link #set()}. */
    void clear();

    /** True while the flag is set. */
    boolean isSet();

    /**
     * Waits until the flag is set; returns at once if it is. A cancellation point.
     *
     * @throws CancelledException if the task is cancelled first
     */
    void awaitSet();

    /** A snapshot of the event's state. */
    Statistics statistics();

    /**
     * What {@link #statistics()} returns.
     *
     * @param set whether the flag is set
     * @param waiters how many tasks wait for it
     */
    record Statistics(boolean set, int waiters) {}
}

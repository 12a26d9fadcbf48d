package dev.weft.core;

/**
 * What {@link SelectImpl} needs from a clause: try it under its channel's lock, queue it, and
 * turn its outcome into the select's result.
 */
sealed interface SelectArm<R> permits ReceiveClause, SendClause {

    /** The channel the clause works on. */
    ChannelCore<?> core();

    /**
     * Under {@code core().lock}: performs the operation if it can go at once and returns its
     * outcome, or returns {@link ChannelCore#NOTHING}. Throws if the clause is ready to fail.
     */
    Object tryLocked();

    /** Under {@code core().lock}: queues {@code w} for this operation. */
    WaitQueue.Node register(Waiter w);

    /** The outcome of a wait granted through {@code node}. */
    Object outcomeOf(WaitQueue.Node node);

    /** Runs the callback for {@code outcome}, outside any lock. */
    R complete(Object outcome);
}

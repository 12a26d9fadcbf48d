package dev.weft.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Waits for the first of several channel operations (Go's {@code select}, kotlinx's
 * {@code select}): exactly one clause happens, and the select returns what its callback returns.
 *
 * <pre>{@code
 * String event = Select.select(
 *         clicks.onReceive(c -> "click at " + c),
 *         keys.onReceive(k -> "key " + k, () -> "keyboard gone"),
 *         log.onSend("heartbeat", () -> "logged"));
 * }</pre>
 *
 * <h2>Exactly one</h2>
 * Of the clauses given, exactly one completes: one item is received, or one item is sent, never
 * two. The callback runs after the channel operation, outside any lock, on the calling thread;
 * its exception is the select's.
 *
 * <h2>Fairness</h2>
 * When several clauses are ready at once, the select picks one uniformly at random (it looks at
 * the clauses in a random order), so a channel that always has items, or that has ended and so
 * is always ready, cannot starve the others. When none is ready, the select waits, and the first
 * channel to become ready wins. {@link #select(RandomGenerator, List)} takes the random source,
 * for reproducible runs.
 *
 * <h2>Exceptions</h2>
 * A clause that is ready to fail makes the select throw: {@link ClosedResourceException} for a
 * closed handle, {@link BrokenChannelException} for a send to a broken channel,
 * {@link EndOfChannelException} for a receive from an ended channel when the clause has no
 * {@code onEnd} callback.
 *
 * <h2>Cancellation</h2>
 * {@code select} is a cancellation point and waits like {@code receive} and {@code send}: when it
 * throws {@link CancelledException}, no clause happened; if a clause happened first (an item was
 * handed to it, or its item taken), that clause's callback runs and the cancellation is raised at
 * the next blocking call. {@code trySelect} never blocks.
 */
public final class Select {
    private Select() {}

    /**
     * Performs one of {@code clauses}, waiting until one can go. A cancellation point.
     *
     * @return the picked clause's callback result
     * @throws IllegalArgumentException if no clause is given
     */
    @SafeVarargs
    public static <R> R select(SelectClause<? extends R>... clauses) {
        if (clauses == null) {
            throw nullClauses();
        }
        List<SelectClause<? extends R>> list = new ArrayList<>(clauses.length);
        for (SelectClause<? extends R> c : clauses) {
            list.add(c);
        }
        return SelectImpl.<R>select(ThreadLocalRandom.current(), list, true);
    }

    /**
     * {@link #select(SelectClause[])} with the random source that breaks ties, for reproducible
     * runs.
     */
    public static <R> R select(RandomGenerator random, List<? extends SelectClause<? extends R>> clauses) {
        return SelectImpl.<R>select(random, clauses, true);
    }

    /**
     * Performs one of {@code clauses} if one can go at once; never blocks.
     *
     * @return the picked clause's callback result, or empty if none was ready (or the callback
     *     returned null)
     */
    @SafeVarargs
    public static <R> Optional<R> trySelect(SelectClause<? extends R>... clauses) {
        if (clauses == null) {
            throw nullClauses();
        }
        List<SelectClause<? extends R>> list = new ArrayList<>(clauses.length);
        for (SelectClause<? extends R> c : clauses) {
            list.add(c);
        }
        return Optional.ofNullable(SelectImpl.<R>select(ThreadLocalRandom.current(), list, false));
    }

    private static NullPointerException nullClauses() {
        return new NullPointerException("Select: the clauses are null; pass at least one clause");
    }
}

package dev.weft.core;

import java.time.Duration;

/**
 * A region of a task that can be cancelled as a unit and may carry a deadline (Trio's
 * {@code CancelScope}). Every task has one at its root; {@link Weft#failAfter}, 
 * {@link Weft#moveOnAfter} and {@link Weft#shield} open nested ones. Read the innermost with
 * {@link #current()}.
 *
 * <pre>{@code
 * boolean finished = Weft.moveOnAfter(Duration.ofSeconds(5), () -> {
 *     while (more()) {
 *         step();
 *         CancelScope.current().setDeadlineAfter(Duration.ofSeconds(5)); // progress: extend
 *     }
 * });
 * }</pre>
 *
 * <h2>Deadlines</h2>
 * Deadlines are instants on the loop's clock ({@link Loop#time()}, nanoseconds);
 * {@link Long#MAX_VALUE} means none. When a deadline passes, the scope is cancelled: every
 * blocking call inside it throws {@link CancelledException}, which the scope that owns the
 * deadline turns into {@link DeadlineExceededException} (fail) or a quiet exit (move on).
 * Scopes nest; the effective deadline is the earliest up to the nearest shield.
 *
 * <h2>Thread-safety</h2>
 * All methods are thread-safe: another task may cancel a scope or move its deadline.
 */
public sealed interface CancelScope permits dev.weft.core.internal.CancelNode {

    /**
     * The innermost cancel scope of the current task.
     *
     * @throws NoRunningLoopException if not called from a task
     */
    static CancelScope current() {
        return dev.weft.core.internal.Context.requireTask("CancelScope.current()").currentNode();
    }

    /** This scope's own deadline on the loop clock, or {@link Long#MAX_VALUE} for none. */
    long deadline();

    /** The earliest deadline of this scope and those enclosing it up to a shield. */
    long effectiveDeadline();

    /** Moves the deadline to {@code when} on the loop clock; earlier or later. */
    void setDeadline(long when);

    /** Moves the deadline to {@code delay} from now. */
    void setDeadlineAfter(Duration delay);

    /** Cancels the scope. Idempotent. */
    void cancel(String reason);

    /** True once cancelled, by {@link #cancel(String)} or by its deadline. */
    boolean isCancelled();

    /** True if this scope shields its contents from cancellation outside it. */
    boolean isShielded();
}

package dev.weft.core;

import java.time.Duration;

/**
 * A region of a task that can be cancelled as a unit and may carry a deadline (Trio's
 * {@code CancelScope}). Every task has one at its root; {@link Weft#cancelScope},
 * {@link Weft#failAfter}, {@link Weft#failAt}, {@link Weft#moveOnAfter}, {@link Weft#moveOnAt}
 * and {@link Weft#shield} open nested ones. Read the innermost with {@link #current()}.
 *
 * <pre>{@code
 * boolean finished = Weft.moveOnAfter(Duration.ofSeconds(5), () -> {
 *     while (more()) {
 *         step();
 *         CancelScope.current().setDeadlineAfter(Duration.ofSeconds(5)); // progress: extend
 *     }
 * });
 *
 * CancelScope cs = Weft.cancelScope(() -> {     // Trio's: with CancelScope() as cs
 *     CancelScope me = CancelScope.current();     // hand it to whoever may stop the block
 *     ...
 * });
 * if (cs.cancelledCaught()) { ... }               // the block was cut short
 * }</pre>
 *
 * <h2>Cancelling a block's own scope</h2>
 * A block's scope catches its own cancellation, whether its deadline passed or someone called
 * {@link #cancel(String)} on it (Trio's rule): the {@link CancelledException} its blocking calls
 * threw ends the block and goes no further. {@code cancelScope} and {@code moveOnAfter} then
 * return quietly ({@code moveOnAfter} returns false); {@code failAfter}, which has no value to
 * return, throws {@link DeadlineExceededException} whose message names the reason (as Trio's
 * {@code fail_after} raises {@code TooSlowError} whenever its scope caught the cancellation).
 * If a region outside the block is cancelled too, that cancellation propagates; if a
 * {@link TaskScope} inside the block failed while the cancellation unwound it, its
 * {@link TaskScopeFailedException} propagates. A task's root scope and a scope body are not
 * blocks: cancelling them cancels the task or the scope's body.
 *
 * <h2>Deadlines</h2>
 * Deadlines are instants on the loop's clock ({@link Loop#time()}, nanoseconds);
 * {@link Long#MAX_VALUE} means none. When a deadline passes, the scope is cancelled: every
 * blocking call inside it throws {@link CancelledException}, which the block that owns the
 * deadline catches as above. Scopes nest; the effective deadline is the earliest up to the
 * nearest shield.
 *
 * <h2>Thread-safety</h2>
 * All methods are thread-safe: another task may cancel a scope or move its deadline.
 */
public sealed interface CancelScope permits CancelNode {

    /**
     * The innermost cancel scope of the current task.
     *
     * @throws NoRunningLoopException if not called from a task
     */
    static CancelScope current() {
        return Context.requireTask("CancelScope.current()").currentNode();
    }

    /** This scope's own deadline on the loop clock, or {@link Long#MAX_VALUE} for none. */
    long deadline();

    /** The earliest deadline of this scope and those enclosing it up to a shield. */
    long effectiveDeadline();

    /** Moves the deadline to {@code when} on the loop clock; earlier or later. */
    void setDeadline(long when);

    /** Moves the deadline to {@code delay} from now. */
    void setDeadlineAfter(Duration delay);

    /**
     * Cancels the scope: every blocking call inside it throws {@link CancelledException} until
     * the block is left (see above for what the block then does). Idempotent; never blocks.
     */
    void cancel(String reason);

    /** True once cancelled, by {@link #cancel(String)} or by its deadline. */
    boolean isCancelled();

    /**
     * True once this scope's block has ended because its own cancellation reached its end and
     * was caught there (Trio's {@code cancelled_caught}); false while the block runs, if it
     * finished anyway, or if it ended with another exception. Always false for a task's root
     * scope and a scope body, which are not blocks.
     */
    boolean cancelledCaught();

    /** True if this scope shields its contents from cancellation outside it. */
    boolean isShielded();
}

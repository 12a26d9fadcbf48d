package dev.weft.core;

import java.util.List;

/**
 * One exception that carries every failure of a {@link TaskScope}: the
 * {@linkplain #getCause() cause} is the first failure, {@link #failures()} lists them all in the
 * order they happened, and every failure after the first is also attached as
 * {@linkplain #getSuppressed() suppressed} so that stack traces show it (the role of Python's
 * {@code ExceptionGroup}).
 *
 * <p>A scope reports its failures once: from {@link TaskScope#join()}, from a blocking call of
 * the scope's body (the body is cancelled when a task fails), or from {@link TaskScope#close()},
 * whichever comes first. Failures that happen after this exception was thrown are added to it.
 */
public final class TaskScopeFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Throwable> failures;

    /**
     * Made by Weft's scopes. The scope keeps {@code failures} and adds later failures to it
     * (and to the suppressed list), under the list's own lock.
     *
     * @param message names the scope and the failed tasks
     * @param failures the failures, first first; at least one
     */
    public TaskScopeFailedException(String message, List<Throwable> failures) {
        super(message, failures.get(0));
        this.failures = failures;
        for (int i = 1; i < failures.size(); i++) {
            addSuppressed(failures.get(i));
        }
    }

    /** Every failure of the scope, in the order they happened. */
    public List<Throwable> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }
}

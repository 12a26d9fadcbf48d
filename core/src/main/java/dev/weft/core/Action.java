package dev.weft.core;

/**
 * Code with no result, {@code () -> { ... }}: the no-result form of a {@link Body} (the call
 * throws what it throws, {@code X} inferred) and of a task's
 * {@link java.util.concurrent.Callable} ({@code spawn(Action<?>)}, whose failure comes back
 * through the {@link Task}).
 *
 * @param <X> the checked exception the action may throw
 */
@FunctionalInterface
public interface Action<X extends Exception> {
    /** Runs the action. */
    void run() throws X;
}

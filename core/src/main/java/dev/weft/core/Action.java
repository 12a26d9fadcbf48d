package dev.weft.core;

/**
 * A {@link Body} with no result: {@code () -> { ... }}.
 *
 * @param <X> the checked exception the action may throw
 */
@FunctionalInterface
public interface Action<X extends Exception> {
    /** Runs the action. */
    void run() throws X;
}

package dev.weft.core;

/**
 * Code whose result and exception Weft hands back to the caller unchanged: the body of
 * {@link Weft#run(Body)}, {@link Loop#runUntilComplete(Body)},
 * {@link Weft#failAfter(java.time.Duration, Body)}, {@link Weft#shield(Body)},
 * {@link Weft#toThread(Body)}. The exception type is inferred from the lambda, so a body that
 * throws {@code IOException} makes the call throw {@code IOException}. A task's body, whose
 * failure comes back later through its {@link Task}, is a {@link java.util.concurrent.Callable}
 * instead; the package documentation states the rule.
 *
 * @param <T> the result
 * @param <X> the checked exception the body may throw
 */
@FunctionalInterface
public interface Body<T, X extends Exception> {
    /** Runs the body. */
    T call() throws X;
}

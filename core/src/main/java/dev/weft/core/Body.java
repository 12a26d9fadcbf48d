package dev.weft.core;

/**
 * Code that Weft runs in place and whose result and exception it hands back unchanged: the body
 * of {@link Weft#run(Body)}, {@link Weft#failAfter(java.time.Duration, Body)},
 * {@link Weft#shield(Body)}, {@link Weft#toThread(Body)}. The exception type is inferred from the
 * lambda, so a body that throws {@code IOException} makes the call throw {@code IOException}.
 *
 * @param <T> the result
 * @param <X> the checked exception the body may throw
 */
@FunctionalInterface
public interface Body<T, X extends Exception> {
    /** Runs the body. */
    T call() throws X;
}

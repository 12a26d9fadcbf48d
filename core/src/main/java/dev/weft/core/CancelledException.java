package dev.weft.core;

import java.util.concurrent.CancellationException;

/**
 * Thrown at a blocking call of a task that has been cancelled, and at every blocking call after
 * that until the task ends (cancellation is level-triggered, as in Trio).
 *
 * <p>Let it propagate: the scope, deadline block or task that caused the cancellation catches
 * it where appropriate. Catching and ignoring it does not stop the cancellation: the next
 * blocking call throws again, and JDK blocking calls see the thread's interrupt status.
 * Cleanup that must block after a cancellation belongs in {@link Weft#shield(Body)}.
 *
 * <p>Extends {@link CancellationException} so that code written against
 * {@link java.util.concurrent.Future} recognises it.
 */
public class CancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** @param reason why the task was cancelled; shown in the message */
    public CancelledException(String reason) {
        super(reason);
    }
}

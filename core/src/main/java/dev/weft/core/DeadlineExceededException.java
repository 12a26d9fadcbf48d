package dev.weft.core;

/**
 * Thrown by {@link Weft#failAfter(java.time.Duration, Body)} and the calls built on it when the
 * deadline passed before the work finished. The work was cancelled and has finished unwinding
 * by the time this is thrown. Distinct from {@link CancelledException}: a timeout is an error
 * of this block, not a cancellation from outside.
 */
public class DeadlineExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what timed out and after how long */
    public DeadlineExceededException(String message) {
        super(message);
    }
}

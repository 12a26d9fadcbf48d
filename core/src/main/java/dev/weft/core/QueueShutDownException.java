package dev.weft.core;

/**
 * Thrown by a {@link Queue} that was {@linkplain Queue#shutdown() shut down} (Python 3.13's
 * {@code QueueShutDown}): by {@code put} and {@code tryPut} at once, by blocked putters when the
 * shutdown happens, and by {@code get} and {@code tryGet} once the queue is empty (at once after
 * {@link Queue#shutdown(boolean) shutdown(true)}, which drops the items). Blocked getters wake
 * with it too.
 */
public class QueueShutDownException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message which call found the queue shut down */
    public QueueShutDownException(String message) {
        super(message);
    }
}

package dev.weft.core;

/**
 * Reports a task that failed with a checked exception to a caller of {@link Task#join()}. The
 * task's exception is the {@linkplain #getCause() cause}. Unchecked exceptions and errors are
 * rethrown by {@code join()} as they were thrown and never wrapped.
 */
public class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the task
     * @param cause the task's exception
     */
    public TaskFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

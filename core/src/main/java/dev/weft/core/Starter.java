package dev.weft.core;

/**
 * The body of a task started with {@link TaskScope#start(Starter)}: it gets a
 * {@link TaskStatus} and calls {@link TaskStatus#started(Object)} once it is ready.
 *
 * @param <T> the type of the value it reports when ready
 */
@FunctionalInterface
public interface Starter<T> {
    /** Runs the task; calls {@code status.started(value)} once ready. */
    void run(TaskStatus<T> status) throws Exception;
}

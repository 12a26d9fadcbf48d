package dev.weft.core;

/**
 * How a task started with {@link TaskScope#start(Starter)} reports that it is ready (Trio's
 * {@code task_status}): it calls {@link #started(Object)} once, with the value its starter is
 * waiting for (a bound port, a connection), and goes on running.
 *
 * <h2>Thread-safety</h2>
 * Any thread may call {@code started}, once. A second call throws {@link IllegalStateException}.
 *
 * @param <T> the type of the reported value
 */
public sealed interface TaskStatus<T> permits TaskStatusImpl {

    /**
     * Reports that the task is ready: {@code start} returns {@code value} (may be null) to its
     * caller. From now on the task is like one spawned into the scope: its failure goes to the
     * scope, not to the caller of {@code start}.
     *
     * @throws IllegalStateException if called twice, or after the task's body returned
     */
    void started(T value);

    /** {@link #started(Object)} with {@code null}, for a task with nothing to report. */
    default void started() {
        started(null);
    }
}

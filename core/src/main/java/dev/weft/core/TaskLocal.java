package dev.weft.core;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value per task, copied into child tasks when they are spawned (Python's
 * {@code contextvars}). A child sees its parent's values at spawn time; later
 * {@link #set(Object)} calls in either task do not affect the other.
 *
 * <pre>{@code
 * static final TaskLocal<String> REQUEST_ID = TaskLocal.of("requestId", "-");
 * REQUEST_ID.set("r-42");
 * scope.spawn(() -> log(REQUEST_ID.get()));   // "r-42"
 * }</pre>
 *
 * Outside any task (a plain thread or a loop callback), {@link #get()} returns the default and
 * {@link #set(Object)} throws {@link NoRunningLoopException}. A {@code Weft.toThread} body runs
 * in a copy of its caller's values (asyncio's {@code to_thread}): it reads them, and what it sets
 * stays in the copy. SLF4J's MDC is carried into child tasks and {@code toThread} bodies the
 * same way.
 *
 * @param <T> the value type
 */
public final class TaskLocal<T> {
    private final String name;
    private final Supplier<? extends T> initial;

    private TaskLocal(String name, Supplier<? extends T> initial) {
        this.name = Objects.requireNonNull(name, "TaskLocal name is null: give it a name for messages");
        this.initial = Objects.requireNonNull(initial, "TaskLocal initial supplier is null");
    }

    /** A task-local whose value is {@code defaultValue} until set. */
    public static <T> TaskLocal<T> of(String name, T defaultValue) {
        return new TaskLocal<>(name, () -> defaultValue);
    }

    /** A task-local whose value is computed by {@code initial} on first read in a task. */
    public static <T> TaskLocal<T> withInitial(String name, Supplier<? extends T> initial) {
        return new TaskLocal<>(name, initial);
    }

    /** The current task's value (in a {@code Weft.toThread} body: the caller's, as copied). */
    @SuppressWarnings("unchecked")
    public T get() {
        Object value = Context.localValue(this, TaskImpl.NO_VALUE);
        if (value == TaskImpl.NO_VALUE) {
            T computed = initial.get();
            Context.trySetLocalValue(this, computed);
            return computed;
        }
        return (T) value;
    }

    /**
     * Sets the current task's value; tasks spawned afterwards inherit it. In a
     * {@code Weft.toThread} body it sets the body's copy only.
     *
     * @throws NoRunningLoopException outside a task and a {@code toThread} body
     */
    public void set(T value) {
        if (!Context.trySetLocalValue(this, value)) {
            Context.requireTask("TaskLocal.set(" + name + ")"); // throws, saying why
            throw new AssertionError("unreachable: no task, yet requireTask found one");
        }
    }

    /** The name given at creation. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "TaskLocal[" + name + "]";
    }
}

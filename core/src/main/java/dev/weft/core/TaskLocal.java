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
 * {@link #set(Object)} throws {@link NoRunningLoopException}. SLF4J's MDC is carried into
 * child tasks the same way.
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

    /** The current task's value. */
    @SuppressWarnings("unchecked")
    public T get() {
        var task = dev.weft.core.internal.Context.currentTaskOrNull();
        if (task == null) {
            return initial.get();
        }
        Object value = task.localValue(this, dev.weft.core.internal.TaskImpl.NO_VALUE);
        if (value == dev.weft.core.internal.TaskImpl.NO_VALUE) {
            T computed = initial.get();
            task.setLocalValue(this, computed);
            return computed;
        }
        return (T) value;
    }

    /** Sets the current task's value; tasks spawned afterwards inherit it. */
    public void set(T value) {
        dev.weft.core.internal.Context.requireTask("TaskLocal.set(" + name + ")").setLocalValue(this, value);
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

package dev.weft.core.internal;

import dev.weft.core.NoRunningLoopException;

/**
 * What the current thread is running: a task, or a loop's callbacks. One thread-local holds
 * either the {@link TaskImpl} (set once by the task's own virtual thread) or the
 * {@link LoopImpl} (while a thread runs that loop).
 */
public final class Context {
    private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();

    private Context() {}

    public static TaskImpl<?> currentTaskOrNull() {
        return CURRENT.get() instanceof TaskImpl<?> t ? t : null;
    }

    public static LoopImpl currentLoopOrNull() {
        Object o = CURRENT.get();
        if (o instanceof TaskImpl<?> t) {
            return t.loop;
        }
        return o instanceof LoopImpl l ? l : null;
    }

    static void enterTask(TaskImpl<?> task) {
        CURRENT.set(task);
    }

    static Object enterLoop(LoopImpl loop) {
        Object previous = CURRENT.get();
        CURRENT.set(loop);
        return previous;
    }

    static void restore(Object previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** The current loop, or a {@link NoRunningLoopException} that names the fix. */
    public static LoopImpl requireLoop(String call) {
        LoopImpl loop = currentLoopOrNull();
        if (loop == null) {
            throw new NoRunningLoopException("no running loop in thread '" + threadName() + "': " + call
                    + " must be called from a task or a loop callback; wrap your code in Weft.run(() -> ...)");
        }
        return loop;
    }

    /** The current task, or an exception that says why there is none and what to do. */
    public static TaskImpl<?> requireTask(String call) {
        Object o = CURRENT.get();
        if (o instanceof TaskImpl<?> t) {
            return t;
        }
        if (o instanceof LoopImpl) {
            throw new NoRunningLoopException(call + " was called from a callback of a loop, in thread '"
                    + threadName() + "'; callbacks must not block: spawn a task for this with Loop.current().spawn(...)");
        }
        throw new NoRunningLoopException("no running loop in thread '" + threadName() + "': " + call
                + " must be called from a task; wrap your code in Weft.run(() -> ...)");
    }

    static String threadName() {
        Thread t = Thread.currentThread();
        String name = t.getName();
        return name.isEmpty() ? t.toString() : name;
    }

    /** Throws any throwable without declaring it; used to rethrow a body's exception unchanged. */
    @SuppressWarnings("unchecked")
    static <X extends Throwable> RuntimeException sneakyThrow(Throwable t) throws X {
        throw (X) t;
    }
}

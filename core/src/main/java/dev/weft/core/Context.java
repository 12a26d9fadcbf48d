package dev.weft.core;

/**
 * What the current thread is running: a task, a loop's callbacks, or a {@code toThread} body. One
 * thread-local holds either the {@link TaskImpl} (set once by the task's own virtual thread), the
 * {@link LoopImpl} (while a thread runs that loop), or a {@link CopiedLocals} (while a pool
 * thread runs a {@code toThread} body in a copy of the caller's task-locals).
 */
final class Context {
    private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();

    private Context() {}

    static TaskImpl<?> currentTaskOrNull() {
        return CURRENT.get() instanceof TaskImpl<?> t ? t : null;
    }

    static LoopImpl currentLoopOrNull() {
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

    /** A toThread body: task-locals read and set a copy of the caller's; no task, no loop. */
    static Object enterCopiedLocals(java.util.Map<dev.weft.core.TaskLocal<?>, Object> locals) {
        Object previous = CURRENT.get();
        CURRENT.set(new CopiedLocals(locals));
        return previous;
    }

    /** The current task's (or toThread copy's) value for {@code key}, or {@code absent}. */
    static Object localValue(dev.weft.core.TaskLocal<?> key, Object absent) {
        Object o = CURRENT.get();
        if (o instanceof TaskImpl<?> t) {
            return t.localValue(key, absent);
        }
        return o instanceof CopiedLocals c ? c.get(key, absent) : absent;
    }

    /**
     * Sets {@code key} in the current task (or toThread copy); returns false where there is
     * neither (a plain thread or a loop callback).
     */
    static boolean trySetLocalValue(dev.weft.core.TaskLocal<?> key, Object value) {
        Object o = CURRENT.get();
        if (o instanceof TaskImpl<?> t) {
            t.setLocalValue(key, value);
            return true;
        }
        if (o instanceof CopiedLocals c) {
            c.set(key, value);
            return true;
        }
        return false;
    }

    /** The task-locals of a toThread body: a copy of its caller's, private to the body. */
    private static final class CopiedLocals {
        /** Written and read by the one pool thread; never modified in place (shared with the caller). */
        private java.util.Map<dev.weft.core.TaskLocal<?>, Object> locals;

        CopiedLocals(java.util.Map<dev.weft.core.TaskLocal<?>, Object> locals) {
            this.locals = locals;
        }

        Object get(dev.weft.core.TaskLocal<?> key, Object absent) {
            return locals == null ? absent : locals.getOrDefault(key, absent);
        }

        void set(dev.weft.core.TaskLocal<?> key, Object value) {
            locals = TaskImpl.withLocal(locals, key, value);
        }
    }

    static void restore(Object previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** The current loop, or a {@link NoRunningLoopException} that names the fix. */
    static LoopImpl requireLoop(String call) {
        LoopImpl loop = currentLoopOrNull();
        if (loop == null) {
            throw new NoRunningLoopException("no running loop in thread '" + threadName() + "': " + call
                    + " must be called from a task or a loop callback; wrap your code in Weft.run(() -> ...)");
        }
        return loop;
    }

    /** The current task, or an exception that says why there is none and what to do. */
    static TaskImpl<?> requireTask(String call) {
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

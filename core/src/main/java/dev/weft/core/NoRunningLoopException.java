package dev.weft.core;

/**
 * Thrown by a call that needs a running loop (a task, or a callback of a running loop) when the
 * calling thread has none. The message names the thread and the fix: wrap the code in
 * {@link Weft#run(Body)}, or call it from a task.
 */
public class NoRunningLoopException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what was called, on which thread, and what to do instead */
    public NoRunningLoopException(String message) {
        super(message);
    }
}

package dev.weft.core;

import java.util.Set;

/**
 * What {@link Weft#wait(java.util.Collection, ReturnWhen, java.time.Duration)} returns: the tasks
 * that were done when it returned and those still pending, each in the order given. Pending
 * tasks are left running.
 *
 * @param done tasks that were done
 * @param pending tasks still running
 * @param <T> the tasks' result type
 */
public record WaitResult<T>(Set<Task<T>> done, Set<Task<T>> pending) {
    /** Copies both sets. */
    public WaitResult {
        done = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(done));
        pending = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(pending));
    }
}

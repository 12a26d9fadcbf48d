package dev.weft.core;

import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link TaskScope#asExecutor()}: an {@link java.util.concurrent.ExecutorService} whose every
 * submission is a task spawned into the scope. Nothing is queued: a task starts at once, so
 * {@code shutdownNow} has nothing to hand back and cancels the tasks instead. The view's
 * shutdown refuses new work; the scope itself is closed by its owner, as always.
 *
 * <p>Implementation notes: {@code live} holds the tasks spawned through this view that are not
 * done; each task removes itself when done ({@code onDone}). Termination is "shut down and
 * {@code live} empty". All fields are safe for any thread.
 */
final class ScopeExecutor extends AbstractExecutorService {
    private final ScopeImpl scope;
    private final Set<Task<?>> live = ConcurrentHashMap.newKeySet();
    private volatile boolean shutdown;
    /** Completed once shut down with no live task; awaitTermination waits on it (a plain JDK wait). */
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    ScopeExecutor(ScopeImpl scope) {
        this.scope = scope;
    }

    private <T> Task<T> track(Task<T> task) {
        live.add(task);
        task.onDone(t -> {
            live.remove(t);
            checkTerminated();
        });
        return task;
    }

    private <T> Task<T> spawn(Callable<T> body) {
        if (shutdown) {
            throw new RejectedExecutionException("the executor view of TaskScope '" + scope.name()
                    + "' is shut down: submit before shutdown(), or spawn into the scope directly");
        }
        try {
            return track(scope.spawn(body));
        } catch (IllegalStateException closed) {
            throw new RejectedExecutionException(closed.getMessage(), closed);
        }
    }

    @Override
    public void execute(Runnable command) {
        Checks.notNull(command, "execute: command");
        spawn(() -> {
            command.run();
            return null;
        });
    }

    @Override
    public <T> Task<T> submit(Callable<T> task) {
        Checks.notNull(task, "submit: task");
        return spawn(task);
    }

    @Override
    public Task<?> submit(Runnable task) {
        return submit(task, null);
    }

    @Override
    public <T> Task<T> submit(Runnable task, T result) {
        Checks.notNull(task, "submit: task");
        return spawn(() -> {
            task.run();
            return result;
        });
    }

    @Override
    public void shutdown() {
        shutdown = true;
        checkTerminated();
    }

    private void checkTerminated() {
        if (isTerminated()) {
            terminated.complete(null);
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        for (Task<?> t : live) {
            t.cancel("shutdownNow() on the executor view of TaskScope '" + scope.name() + "'");
        }
        checkTerminated();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && live.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            terminated.get(timeout, unit);
            return true;
        } catch (TimeoutException notYet) {
            return false;
        } catch (ExecutionException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public String toString() {
        return "ExecutorService[" + scope + (shutdown ? ", shut down" : "") + "]";
    }
}

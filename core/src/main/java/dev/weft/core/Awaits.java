package dev.weft.core;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code Weft.await}: waiting for a JDK future or completion stage as a cancellation point.
 * A stage that converts to a {@link CompletableFuture} is waited for through {@link Blocking};
 * any other future through its own interruptible {@code get()}, which Weft's cancellation
 * interrupts. On the caller's cancellation the future is cancelled (with interruption) and the
 * cancellation thrown; the outcome is reported as {@code Task.join()} reports a task's.
 */
final class Awaits {
    private Awaits() {}

    static <T> T await(CompletionStage<T> stage) {
        Checks.notNull(stage, "Weft.await: the completion stage");
        TaskImpl<?> task = Context.requireTask("Weft.await()");
        CompletableFuture<T> future;
        try {
            future = stage.toCompletableFuture();
        } catch (UnsupportedOperationException noFuture) { // a stage that cannot be cancelled from here
            CompletableFuture<T> mirror = new CompletableFuture<>();
            stage.whenComplete((v, x) -> {
                if (x != null) {
                    mirror.completeExceptionally(x);
                } else {
                    mirror.complete(v);
                }
            });
            future = mirror;
        }
        if (future.isDone()) {
            task.checkpoint();
        } else {
            Thread me = Thread.currentThread();
            future.whenComplete((v, x) -> LockSupport.unpark(me));
            try {
                Blocking.await(future::isDone, future, task, task.loop, Long.MAX_VALUE);
            } catch (RuntimeException cancelled) {
                if (future.cancel(true) || !(cancelled instanceof CancelledException)) {
                    throw cancelled;
                }
                // it completed before our cancel could: its outcome wins, never dropped (a value
                // may hold a connection); the caller's cancellation stays pending
            }
        }
        return report(future);
    }

    @SuppressWarnings("unchecked")
    static <T> T await(Future<T> future) {
        Checks.notNull(future, "Weft.await: the future");
        if (future instanceof CompletionStage<?> stage) {
            return await((CompletionStage<T>) stage);
        }
        if (future instanceof Task<T> t) {
            return t.join();
        }
        if (future instanceof Promise<T> p) {
            return p.join();
        }
        TaskImpl<?> task = Context.requireTask("Weft.await()");
        task.checkpoint();
        boolean foreignInterrupt = false;
        try {
            while (!future.isDone()) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    if (task.isEffectivelyCancelled()) {
                        future.cancel(true);
                        task.checkpoint(); // throws the cancellation
                    }
                    foreignInterrupt = true; // not Weft's: keep waiting, restore it after
                } catch (ExecutionException | CancellationException done) {
                    break; // reported below
                }
            }
        } finally {
            if (foreignInterrupt) {
                Thread.currentThread().interrupt();
            }
        }
        return report(future);
    }

    private static <T> T report(Future<T> future) {
        switch (future.state()) {
            case SUCCESS:
                return future.resultNow();
            case FAILED:
                Throwable x = future.exceptionNow();
                if (x instanceof CompletionException && x.getCause() != null) {
                    x = x.getCause();
                }
                if (x instanceof RuntimeException re) {
                    throw re;
                }
                if (x instanceof Error err) {
                    throw err;
                }
                throw new TaskFailedException("Weft.await: the future failed: " + x, x);
            case CANCELLED:
                throw new CancelledException("Weft.await: the future was cancelled");
            default:
                throw new IllegalStateException("Weft.await: the future is still running after the wait; "
                        + "report this as a Weft bug");
        }
    }
}

package dev.weft.core;

import java.util.ArrayList;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The outcome of a task or promise and the parties waiting for it.
 *
 * <h2>Implementation notes</h2>
 * {@code state} moves once from PENDING to SUCCESS, FAILED or CANCELLED under this object's
 * lock, which also guards {@code listeners}. A listener is a {@link Thread} (unparked) or a
 * {@link Runnable} (run by the completing thread, so it must be short and must not block).
 * {@code value} and {@code error} are written before the volatile {@code state} and read after
 * it. {@code retrieved} records that someone looked at a failure, so that failures nobody saw
 * can be logged.
 */
abstract class FutureCore<T> implements Future<T> {
    static final int PENDING = 0;
    static final int SUCCESS = 1;
    static final int FAILED = 2;
    static final int CANCELLED = 3;

    final LoopImpl loop;
    private volatile int state;
    private T value;
    private Throwable error;
    volatile boolean retrieved;
    private Object listeners; // null, one listener, or an ArrayList of them; guarded by this

    FutureCore(LoopImpl loop) {
        this.loop = loop;
    }

    /** For messages: "task 'x'" or "promise". */
    abstract String describe();

    final boolean settle(int newState, T v, Throwable e) {
        Object toNotify;
        synchronized (this) {
            if (state != PENDING) {
                return false;
            }
            value = v;
            error = e;
            state = newState;
            toNotify = listeners;
            listeners = null;
        }
        afterSettled();
        if (toNotify instanceof ArrayList<?> list) {
            for (Object l : list) {
                notifyListener(l);
            }
        } else if (toNotify != null) {
            notifyListener(toNotify);
        }
        return true;
    }

    /**
     * Runs once, on the settling thread, after the outcome is set and before any waiter or
     * callback is told: a task updates its scope here, so whoever learns that the task is done
     * also finds its scope no longer counting it.
     */
    void afterSettled() {
    }

    private static void notifyListener(Object l) {
        if (l instanceof Thread t) {
            LockSupport.unpark(t);
        } else {
            ((Runnable) l).run();
        }
    }

    /** Adds a Thread or Runnable to notify when done; notifies at once if already done. */
    final void addListener(Object l) {
        synchronized (this) {
            if (state == PENDING) {
                if (listeners == null) {
                    listeners = l;
                } else if (listeners instanceof ArrayList<?> list) {
                    @SuppressWarnings("unchecked")
                    ArrayList<Object> objects = (ArrayList<Object>) list;
                    objects.add(l);
                } else {
                    ArrayList<Object> list = new ArrayList<>(4);
                    list.add(listeners);
                    list.add(l);
                    listeners = list;
                }
                return;
            }
        }
        notifyListener(l);
    }

    final void removeListener(Object l) {
        synchronized (this) {
            if (listeners == l) {
                listeners = null;
            } else if (listeners instanceof ArrayList<?> list) {
                list.remove(l);
            }
        }
    }

    /** How many threads and callbacks wait for the outcome (for tests: a wait that ends withdraws). */
    final synchronized int listenerCount() {
        return listeners == null ? 0 : listeners instanceof ArrayList<?> list ? list.size() : 1;
    }

    final int stateCode() {
        return state;
    }

    final Throwable errorUnchecked() {
        return error;
    }

    final T valueUnchecked() {
        return value;
    }

    @Override
    public final boolean isDone() {
        return state != PENDING;
    }

    @Override
    public final boolean isCancelled() {
        return state == CANCELLED;
    }

    /** Waits until done; a cancellation point. */
    final void awaitDone() {
        if (isDone() && Context.currentTaskOrNull() == null) {
            return;
        }
        Thread me = Thread.currentThread();
        addListener(me);
        try {
            Blocking.await(this::isDone, this, loop, Long.MAX_VALUE);
        } finally {
            removeListener(me);
        }
    }

    final void awaitDoneUninterruptibly() {
        if (isDone()) {
            return;
        }
        Thread me = Thread.currentThread();
        addListener(me);
        try {
            Blocking.awaitUninterruptibly(this::isDone);
        } finally {
            removeListener(me);
        }
    }

    /** The outcome as join() reports it: value, unchecked exception as thrown, checked wrapped. */
    final T report() {
        switch (state) {
            case SUCCESS:
                return value;
            case FAILED:
                retrieved = true;
                if (error instanceof RuntimeException re) {
                    throw re;
                }
                if (error instanceof Error err) {
                    throw err;
                }
                throw new TaskFailedException(describe() + " failed: " + error, error);
            case CANCELLED:
                CancelledException cancelled = new CancelledException(describe() + " was cancelled: " + error.getMessage());
                cancelled.initCause(error);
                throw cancelled;
            default:
                throw new IllegalStateException(describe() + " is still running");
        }
    }

    @Override
    public final T get() throws InterruptedException, ExecutionException {
        if (!isDone()) {
            try {
                awaitDone();
            } catch (CancelledException e) {
                if (Context.currentTaskOrNull() == null) {
                    Thread.interrupted();
                    throw new InterruptedException(e.getMessage());
                }
                throw e;
            }
        }
        return reportForGet();
    }

    @Override
    public final T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!isDone()) {
            long deadline = Checks.saturatedAdd(loop.time(), unit.toNanos(timeout));
            Thread me = Thread.currentThread();
            addListener(me);
            try {
                if (!Blocking.await(this::isDone, loop, deadline)) {
                    throw new TimeoutException(describe() + " did not finish within " + timeout + " " + unit);
                }
            } catch (CancelledException e) {
                if (Context.currentTaskOrNull() == null) {
                    Thread.interrupted();
                    throw new InterruptedException(e.getMessage());
                }
                throw e;
            } finally {
                removeListener(me);
            }
        }
        return reportForGet();
    }

    private T reportForGet() throws ExecutionException {
        switch (state) {
            case SUCCESS:
                return value;
            case FAILED:
                retrieved = true;
                throw new ExecutionException(error);
            default:
                throw new CancellationException(describe() + " was cancelled: " + error.getMessage());
        }
    }

    @Override
    public final T resultNow() {
        switch (state) {
            case SUCCESS:
                return value;
            case PENDING:
                throw new IllegalStateException(describe() + " has no result yet: it is still running; join() waits for it");
            case FAILED:
                retrieved = true;
                throw new IllegalStateException(describe() + " has no result: it failed with " + error
                        + "; use exceptionNow() or join() to get the exception", error);
            default:
                throw new IllegalStateException(describe() + " has no result: it was cancelled");
        }
    }

    @Override
    public final Throwable exceptionNow() {
        switch (state) {
            case FAILED:
                retrieved = true;
                return error;
            case PENDING:
                throw new IllegalStateException(describe() + " has no exception yet: it is still running; join() waits for it");
            case SUCCESS:
                throw new IllegalStateException(describe() + " has no exception: it succeeded");
            default:
                throw new IllegalStateException(describe() + " has no exception: it was cancelled");
        }
    }

    @Override
    public final State state() {
        return switch (state) {
            case PENDING -> State.RUNNING;
            case SUCCESS -> State.SUCCESS;
            case FAILED -> State.FAILED;
            default -> State.CANCELLED;
        };
    }

    /** Schedules {@code callback} on the loop once done. */
    final <F> void onDoneInternal(F self, Consumer<? super F> callback) {
        Checks.notNull(callback, "onDone: the callback");
        addListener((Runnable) () -> loop.callSoonOrLog(() -> callback.accept(self)));
    }

    /** A CompletableFuture mirroring this outcome; cancelling it calls {@code cancelAction}. */
    final CompletableFuture<T> mirror(Runnable cancelAction) {
        retrieved = true;
        CompletableFuture<T> cf = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                cancelAction.run();
                return super.cancel(mayInterruptIfRunning);
            }
        };
        addListener((Runnable) () -> {
            switch (state) {
                case SUCCESS -> cf.complete(value);
                case FAILED -> cf.completeExceptionally(error);
                default -> cf.completeExceptionally(error);
            }
        });
        return cf;
    }

    @Override
    public String toString() {
        return describe() + "[" + state() + "]";
    }
}

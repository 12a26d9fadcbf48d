package dev.weft.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.MDC;

/** gather, race, wait, asCompleted and toThread, built on scopes and {@link FutureCore}. */
final class Combinators {
    private Combinators() {}

    @SafeVarargs
    static <C> C[] checkCalls(String call, C... calls) {
        Checks.notNull(calls, "Weft." + call + ": the calls");
        for (int i = 0; i < calls.length; i++) {
            if (calls[i] == null) {
                throw new NullPointerException("Weft." + call + ": call #" + i + " is null");
            }
        }
        return calls;
    }

    private static void checkList(String call, List<?> calls) {
        Checks.notNull(calls, "Weft." + call + ": the list of calls");
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i) == null) {
                throw new NullPointerException("Weft." + call + ": call #" + i + " is null");
            }
        }
    }

    static <T> List<T> gather(List<? extends Callable<? extends T>> calls) {
        checkList("gather", calls);
        List<TaskImpl<? extends T>> tasks = new ArrayList<>(calls.size());
        try (ScopeImpl scope = ScopeImpl.open(ScopeImpl.Policy.FAIL_FAST, "gather")) {
            for (Callable<? extends T> c : calls) {
                tasks.add(scope.spawnTask(null, c));
            }
            scope.join();
        }
        List<T> results = new ArrayList<>(tasks.size());
        for (TaskImpl<? extends T> t : tasks) {
            // a call that ended cancelled (not failed) has no result: report it as a cancellation
            results.add(t.report());
        }
        return results;
    }

    @SuppressWarnings("unchecked")
    static <T> List<Task<T>> gatherSettled(List<? extends Callable<? extends T>> calls) {
        checkList("gatherSettled", calls);
        List<Task<T>> tasks = new ArrayList<>(calls.size());
        try (ScopeImpl scope = ScopeImpl.open(ScopeImpl.Policy.SUPERVISOR, "gatherSettled")) {
            for (Callable<? extends T> c : calls) {
                TaskImpl<? extends T> t = scope.spawnTask(null, c);
                t.retrieved = true;
                tasks.add((Task<T>) t);
            }
            scope.join();
        }
        return tasks;
    }

    static <T> T race(List<? extends Callable<? extends T>> calls) {
        checkList("race", calls);
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("Weft.race needs at least one call; got none");
        }
        try (ScopeImpl scope = ScopeImpl.open(ScopeImpl.Policy.FIRST_SUCCESS, "race")) {
            for (Callable<? extends T> c : calls) {
                scope.spawnTask(null, c);
            }
            scope.join();
            @SuppressWarnings("unchecked")
            Task<T> winner = (Task<T>) scope.winner().orElseThrow(
                    () -> new CancelledException("Weft.race: every task was cancelled before one succeeded"));
            return winner.resultNow();
        }
    }

    private static <T> List<FutureCore<?>> cores(String call, Collection<? extends Task<T>> tasks) {
        Checks.notNull(tasks, "Weft." + call + ": the tasks");
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("Weft." + call + " needs at least one task; got an empty collection");
        }
        List<FutureCore<?>> list = new ArrayList<>(tasks.size());
        for (Task<T> t : tasks) {
            list.add((FutureCore<?>) Checks.notNull(t, "Weft." + call + ": a task in the collection"));
        }
        return list;
    }

    private static LoopImpl loopFor(List<FutureCore<?>> tasks) {
        LoopImpl loop = Context.currentLoopOrNull();
        return loop != null ? loop : tasks.get(0).loop;
    }

    static <T> WaitResult<T> wait(Collection<? extends Task<T>> tasks, ReturnWhen when, Duration timeout) {
        List<FutureCore<?>> list = cores("wait", tasks);
        Checks.notNull(when, "Weft.wait: returnWhen");
        LoopImpl loop = loopFor(list);
        long deadline = timeout == null ? Long.MAX_VALUE
                : Checks.saturatedAdd(loop.time(), Checks.nonNegativeNanos(timeout, "Weft.wait"));
        Thread me = Thread.currentThread();
        for (FutureCore<?> f : list) {
            f.addListener(me);
        }
        try {
            Blocking.await(() -> satisfied(list, when), list, loop, deadline);
        } finally {
            for (FutureCore<?> f : list) {
                f.removeListener(me);
            }
        }
        Set<Task<T>> done = new LinkedHashSet<>();
        Set<Task<T>> pending = new LinkedHashSet<>();
        for (Task<T> t : tasks) {
            (t.isDone() ? done : pending).add(t);
        }
        return new WaitResult<>(done, pending);
    }

    private static boolean satisfied(List<FutureCore<?>> list, ReturnWhen when) {
        boolean all = true;
        for (FutureCore<?> f : list) {
            int s = f.stateCode();
            if (s == FutureCore.PENDING) {
                all = false;
            } else if (when == ReturnWhen.FIRST_COMPLETED
                    || (when == ReturnWhen.FIRST_EXCEPTION && s == FutureCore.FAILED)) {
                return true;
            }
        }
        return all;
    }

    static <T> Iterable<Task<T>> asCompleted(Collection<? extends Task<T>> tasks, Duration timeout) {
        List<FutureCore<?>> list = cores("asCompleted", tasks);
        LoopImpl loop = loopFor(list);
        long deadline = timeout == null ? Long.MAX_VALUE
                : Checks.saturatedAdd(loop.time(), Checks.nonNegativeNanos(timeout, "Weft.asCompleted"));
        return () -> new CompletionOrder<>(list, loop, deadline, timeout);
    }

    /** Yields tasks as they complete; each completion pushes its task and unparks the reader. */
    private static final class CompletionOrder<T> implements Iterator<Task<T>> {
        private final ConcurrentLinkedQueue<Task<T>> finished = new ConcurrentLinkedQueue<>();
        private final LoopImpl loop;
        private final long deadline;
        private final Duration timeout;
        private final int total;
        private int returned;
        private volatile Thread reader;

        @SuppressWarnings("unchecked")
        CompletionOrder(List<FutureCore<?>> list, LoopImpl loop, long deadline, Duration timeout) {
            this.loop = loop;
            this.deadline = deadline;
            this.timeout = timeout;
            this.total = list.size();
            for (FutureCore<?> f : list) {
                f.addListener((Runnable) () -> {
                    finished.add((Task<T>) f);
                    Thread r = reader;
                    if (r != null) {
                        LockSupport.unpark(r);
                    }
                });
            }
        }

        @Override
        public boolean hasNext() {
            return returned < total;
        }

        @Override
        public Task<T> next() {
            if (!hasNext()) {
                throw new NoSuchElementException("asCompleted: all " + total + " tasks were already returned");
            }
            reader = Thread.currentThread();
            try {
                if (!Blocking.await(() -> !finished.isEmpty(), loop, deadline)) {
                    throw new DeadlineExceededException("Weft.asCompleted: timeout of " + timeout + " passed with "
                            + (total - returned) + " of " + total + " tasks unfinished");
                }
            } finally {
                reader = null;
            }
            returned++;
            return finished.poll();
        }
    }

    /** Weft.toThread: {@code executor} null means the loop's own pool. */
    static <T, X extends Exception> T toThread(Executor executor, Body<T, X> body) throws X {
        Checks.notNull(body, "Weft.toThread: the body");
        TaskImpl<?> task = Context.requireTask("Weft.toThread()");
        task.checkpoint();
        ThreadJob<T> job = new ThreadJob<>(body, Thread.currentThread(), task.localsSnapshot(),
                MDC.getCopyOfContextMap());
        task.loop.externalWork(1);
        try {
            if (executor == null) {
                try {
                    task.loop.blockingPool().execute(job);
                } catch (RejectedExecutionException e) {
                    throw new IllegalStateException("Weft.toThread: the loop is closing; its thread pool takes no more work", e);
                }
            } else {
                executor.execute(job);
            }
            try {
                Blocking.await(job::isDone, job, task, task.loop, Long.MAX_VALUE);
            } catch (RuntimeException cancelled) {
                job.interrupt();
                Blocking.awaitUninterruptibly(job::isDone);
                throw cancelled;
            }
        } finally {
            task.loop.externalWork(-1);
        }
        if (job.error != null) {
            throw Context.<X>sneakyThrow(job.error);
        }
        return job.value;
    }

    /**
     * One body run on a pool thread, in a copy of the caller's task-locals and MDC; the waiting
     * task is unparked when it ends. A job cancelled before a thread picks it up never runs.
     */
    static final class ThreadJob<T> implements Runnable {
        private final Body<T, ?> body;
        private final Thread waiter;
        private final Map<TaskLocal<?>, Object> locals;
        private final Map<String, String> mdc;
        // guarded by this
        private Thread worker;
        private boolean started;
        private boolean interruptRequested;
        private volatile boolean done;
        T value;
        Throwable error;

        ThreadJob(Body<T, ?> body, Thread waiter, Map<TaskLocal<?>, Object> locals, Map<String, String> mdc) {
            this.body = body;
            this.waiter = waiter;
            this.locals = locals;
            this.mdc = mdc;
        }

        boolean isDone() {
            return done;
        }

        /** For a dump: where the job runs. */
        @Override
        public synchronized String toString() {
            return "toThread work " + (worker != null ? "on thread '" + worker.getName() + "'" : started ? "(ending)" : "(queued)");
        }

        @Override
        public void run() {
            Thread me = Thread.currentThread();
            synchronized (this) {
                if (interruptRequested) {
                    return; // cancelled while it waited for a thread: interrupt() finished it
                }
                started = true;
                worker = me;
            }
            Object previousContext = Context.enterCopiedLocals(locals);
            Map<String, String> previousMdc = MDC.getCopyOfContextMap();
            setMdc(mdc);
            try {
                value = body.call();
            } catch (Throwable t) {
                error = t;
            } finally {
                setMdc(previousMdc);
                Context.restore(previousContext);
                synchronized (this) {
                    worker = null;
                    Thread.interrupted();
                }
                finish();
            }
        }

        private static void setMdc(Map<String, String> map) {
            if (map == null || map.isEmpty()) {
                MDC.clear();
            } else {
                MDC.setContextMap(map);
            }
        }

        private void finish() {
            done = true;
            LockSupport.unpark(waiter);
        }

        /** Interrupts the body if it runs; a body that has not started never will, and the job is done. */
        void interrupt() {
            synchronized (this) {
                interruptRequested = true;
                Thread w = worker;
                if (w != null) {
                    w.interrupt();
                } else if (!started) {
                    finish();
                }
            }
        }
    }
}

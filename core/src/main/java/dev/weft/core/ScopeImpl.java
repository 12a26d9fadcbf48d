package dev.weft.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.LockSupport;

/**
 * A task scope: the engine behind {@link TaskScope}, {@code gather}, {@code race} and the loop's
 * root scope.
 *
 * <h2>Implementation notes</h2>
 * <p>State (guarded by this object's lock): {@link #OPEN} until {@code close()} starts,
 * {@link #CLOSING} while it waits for tasks, {@link #CLOSED} after. Spawning is refused only
 * when CLOSED.
 * <p>Cancellation: {@code body} is a node on the owner's chain for the span of the block;
 * {@code children} (parent {@code body}) is the parent of every task's root. A task failure in a
 * fail-fast scope cancels {@code body}, which reaches the owner and, through {@code children},
 * every task; {@code cancel()} and {@code close()} cancel only {@code children}.
 * <p>Failures are reported once. The first report makes {@code reported}, a
 * {@link TaskScopeFailedException} over the {@code failures} list; failures after that are added
 * to it. The owner's blocking calls deliver it (through {@link #takeFailureForBody()}), or
 * {@code join()} or {@code close()} throw it, whichever comes first.
 * <p>Spawning and completing take no lock (issue 21): {@code live} is an atomic count, and a new
 * child is pushed onto {@code head} with a compare-and-set; children link through
 * {@link TaskImpl#nextSibling}. A finished child is not unlinked by its completion but later, under
 * this lock, by {@link #prune}: when a walk collects the children (cancellation, dumps), when the
 * last child ends, and after as many spawns as twice the live count (so the list stays
 * proportional to the live children). This lock is taken on the common path only by a failed child
 * (and a successful one in a FIRST_SUCCESS scope) and by the last child, which wakes
 * {@code waiter}: the owner parked in join/close, which sets {@code waiter} and reads
 * {@code live} under this lock, so the last child's decrement is seen either by the owner's read
 * or by the wake. A failed child records its failure and (fail-fast) cancels {@code body} before
 * its decrement: whoever sees {@code live} reach 0 finds both, the owner already interrupted. A cancellation sets its node's flag before it reads {@code head}, and a spawn
 * pushes before it starts the thread, which reads the flag first: a child spawned concurrently
 * with a cancellation is either found by the walk or sees the flag.
 */
final class ScopeImpl implements TaskScope {
    /** What a task's outcome does to the scope. */
    public enum Policy { FAIL_FAST, SUPERVISOR, FIRST_SUCCESS }

    static final int OPEN = 0;
    static final int CLOSING = 1;
    static final int CLOSED = 2;

    final LoopImpl loop;
    /** The task that opened the scope; null for a loop's root scope. */
    final TaskImpl<?> owner;
    final Policy policy;
    private final String name;
    final CancelNode body;
    final CancelNode children;
    /** The owner's next scope out, while this one is open. */
    final ScopeImpl outer;

    /** Written under this lock; read without it by a spawn. */
    private volatile int state = OPEN;
    /** The newest child, or null; pushed by CAS, pruned under this lock (see the class notes). */
    private volatile TaskImpl<?> head;
    /** Children spawned and not yet through {@link #childDone}; updated atomically, without a lock. */
    private volatile int live;
    /** Spawns since the last prune; racy by design: a lost increment only delays a prune. */
    private int spawnsSincePrune;
    /**
     * Set by a spawn after its increment of {@code live}; cleared by join, under this lock, when it
     * sees {@code live} at 0. A spawn by a thread that is not one of the scope's tasks, racing the
     * owner's join, may be cleared with it: that only skips close()'s missing-join diagnostic.
     */
    private volatile boolean spawnedSinceJoin;

    private static final VarHandle HEAD;
    private static final VarHandle LIVE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(ScopeImpl.class, "head", TaskImpl.class);
            LIVE = lookup.findVarHandle(ScopeImpl.class, "live", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A prune waits for at least this many spawns (and more than twice the live count). */
    static final int PRUNE_MIN_SPAWNS = 64;

    // guarded by this
    private Thread waiter;
    private final List<Throwable> failures = new ArrayList<>(1);
    private String firstFailedTask;
    private TaskScopeFailedException reported;
    private List<TaskImpl<?>> failedUnwatched;
    private TaskImpl<?> winner;

    private ScopeImpl(LoopImpl loop, TaskImpl<?> owner, Policy policy, String name, CancelNode parentNode, ScopeImpl outer) {
        this.loop = loop;
        this.owner = owner;
        this.policy = policy;
        this.name = name != null ? name : owner != null ? "scope of " + owner.name() : "loop";
        this.body = new CancelNode(loop, parentNode, CancelNode.BODY, owner, this);
        this.children = new CancelNode(loop, body, CancelNode.CHILDREN, null, this);
        this.outer = outer;
    }

    /** Opens a scope owned by the current task. */
    public static ScopeImpl open(Policy policy, String name) {
        TaskImpl<?> owner = Context.requireTask("TaskScope.open()");
        ScopeImpl s = new ScopeImpl(owner.loop, owner, policy, name, owner.current, owner.innermostScope);
        owner.pushNode(s.body);
        owner.innermostScope = s;
        return s;
    }

    /** A loop's root scope: no owner, failures logged when nobody looked at them. */
    static ScopeImpl rootOf(LoopImpl loop) {
        return new ScopeImpl(loop, null, Policy.SUPERVISOR, "loop", null, null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ExecutorService asExecutor() {
        return new ScopeExecutor(this);
    }

    // ---- spawning ------------------------------------------------------------------------------

    @Override
    public <T> Task<T> spawn(Callable<T> task) {
        return spawnTask(null, task);
    }

    @Override
    public <T> Task<T> spawn(String taskName, Callable<T> task) {
        Checks.notNull(taskName, "spawn: the task name");
        return spawnTask(taskName, task);
    }

    @Override
    public Task<Void> spawn(Action<?> task) {
        return spawnAction(null, task);
    }

    @Override
    public Task<Void> spawn(String taskName, Action<?> task) {
        Checks.notNull(taskName, "spawn: the task name");
        return spawnAction(taskName, task);
    }

    static Callable<Void> asCallable(Action<?> action) {
        Checks.notNull(action, "spawn: the task body");
        return () -> {
            action.run();
            return null;
        };
    }

    <T> TaskImpl<T> spawnTask(String taskName, Callable<T> task) {
        Checks.notNull(task, "spawn: the task body");
        return spawnBody(taskName, task);
    }

    /**
     * A task that runs {@code action}. The task runs an {@link Action} body itself, without a
     * wrapping {@code Callable} (16 B a task); an action that is also a {@code Callable} is wrapped,
     * since the task would call it.
     */
    TaskImpl<Void> spawnAction(String taskName, Action<?> action) {
        Checks.notNull(action, "spawn: the task body");
        return spawnBody(taskName, action instanceof Callable<?> ? asCallable(action) : action);
    }

    /** {@code body} is a {@code Callable<T>} or, for a {@code TaskImpl<Void>}, an {@link Action}. */
    private <T> TaskImpl<T> spawnBody(String taskName, Object body) {
        TaskImpl<T> t = new TaskImpl<>(loop, this, taskName, body, Context.currentTaskOrNull());
        if (state == CLOSED) {
            throw new IllegalStateException("cannot spawn into TaskScope '" + name + "': it is closed. "
                    + "Spawn inside the scope's try block, or open a new TaskScope");
        }
        int liveNow = (int) LIVE.getAndAdd(this, 1) + 1;
        if (!spawnedSinceJoin) {
            spawnedSinceJoin = true;
        }
        TaskImpl<?> h;
        do {
            h = head;
            t.nextSibling = h;
        } while (!HEAD.compareAndSet(this, h, t));
        if (++spawnsSincePrune >= PRUNE_MIN_SPAWNS && spawnsSincePrune > 2 * liveNow) {
            synchronized (this) {
                prune(null);
            }
        }
        t.thread.start(); // after the push: a cancellation that missed the child, the child sees
        return t;
    }

    /** Called by each task once it is done. */
    void childDone(TaskImpl<?> t) {
        String cancelBody = null;
        boolean cancelOthers = false;
        Thread toWake = null;
        int outcome = t.stateCode();
        if (outcome == FutureCore.FAILED || outcome == FutureCore.SUCCESS && policy == Policy.FIRST_SUCCESS) {
            synchronized (this) { // before the decrement: whoever sees live reach 0 sees the failure
                if (outcome == FutureCore.FAILED) {
                    Throwable error = t.errorUnchecked();
                    switch (policy) {
                        case FAIL_FAST -> {
                            t.retrieved = true;
                            recordFailure(t, error);
                            if (!body.isCancelled()) {
                                cancelBody = t.describe() + " failed: " + error;
                            }
                        }
                        case FIRST_SUCCESS -> {
                            t.retrieved = true;
                            recordFailure(t, error);
                        }
                        case SUPERVISOR -> {
                            if (failedUnwatched == null) {
                                failedUnwatched = new ArrayList<>();
                            }
                            failedUnwatched.add(t);
                        }
                    }
                } else if (winner == null) {
                    winner = t;
                    cancelOthers = true;
                }
            }
        }
        if (cancelBody != null) { // before the decrement too: whoever sees live reach 0 sees the body cancelled
            body.cancelWith("a task of TaskScope '" + name + "' failed: " + cancelBody, false);
        }
        if ((int) LIVE.getAndAdd(this, -1) == 1) {
            synchronized (this) {
                toWake = waiter;
                prune(null);
            }
        }
        if (cancelOthers) {
            children.cancelWith("another task of TaskScope '" + name + "' succeeded first", false);
        }
        if (toWake != null) {
            LockSupport.unpark(toWake);
        }
    }

    // guarded by this
    private void recordFailure(TaskImpl<?> t, Throwable error) {
        if (reported != null) {
            List<Throwable> list = failures;
            synchronized (list) {
                list.add(error);
            }
            reported.addSuppressed(error);
            return;
        }
        if (failures.isEmpty()) {
            firstFailedTask = t.name();
        }
        failures.add(error);
    }

    /**
     * Guarded by this: failures are recorded and not yet reported, and no task won (only a
     * first-success scope has a winner, and then its failures are not reported).
     */
    private boolean hasFailureToReport() {
        return reported == null && !failures.isEmpty() && winner == null;
    }

    // guarded by this
    private TaskScopeFailedException makeReport() {
        int n = failures.size();
        String message = "TaskScope '" + name + "': task '" + firstFailedTask + "' failed: " + failures.get(0)
                + (n > 1 ? " (and " + (n - 1) + " more, attached as suppressed)" : "");
        reported = new TaskScopeFailedException(message, failures);
        return reported;
    }

    /**
     * Errors win over cancellation, as in asyncio's TaskGroup: a scope that closes while a
     * cancellation unwinds through it can only report its failures as suppressed exceptions of
     * that {@link CancelledException} (try-with-resources), where nobody would see them. Returns
     * the first such report, with any others added to it, or null if there is none.
     */
    static TaskScopeFailedException failureCarriedBy(CancelledException cancelled) {
        TaskScopeFailedException first = null;
        for (Throwable s : cancelled.getSuppressed()) {
            if (s instanceof TaskScopeFailedException f) {
                if (first == null) {
                    first = f;
                } else {
                    first.addSuppressed(f);
                }
            }
        }
        return first;
    }

    /** The failure to throw into the owner's body, the first time it is asked for. */
    RuntimeException takeFailureForBody() {
        synchronized (this) {
            return hasFailureToReport() ? makeReport() : null; // a first-success scope's winner hides them
        }
    }

    // ---- waking --------------------------------------------------------------------------------

    void collectChildren(Collection<TaskImpl<?>> into) {
        synchronized (this) {
            prune(into);
        }
    }

    /**
     * Under this lock: unlinks the children that are done and adds the others to {@code into}
     * (unless null). Only a prune changes a linked child's {@code nextSibling}; a concurrent spawn
     * only pushes onto {@code head}, which a prune changes by CAS alone.
     */
    private void prune(Collection<TaskImpl<?>> into) {
        spawnsSincePrune = 0;
        TaskImpl<?> first = head;
        while (first != null && first.isDone()) {
            TaskImpl<?> next = first.nextSibling;
            first = HEAD.compareAndSet(this, first, next) ? next : head;
        }
        if (first == null) {
            return;
        }
        TaskImpl<?> kept = first;
        if (into != null) {
            into.add(first);
        }
        for (TaskImpl<?> t = first.nextSibling; t != null; t = t.nextSibling) {
            if (t.isDone()) {
                kept.nextSibling = t.nextSibling;
            } else {
                kept = t;
                if (into != null) {
                    into.add(t);
                }
            }
        }
    }

    void wakeChildren() {
        List<TaskImpl<?>> kids = new ArrayList<>();
        collectChildren(kids);
        for (TaskImpl<?> t : kids) {
            TaskImpl.wakeTree(t);
        }
    }

    int liveCount() {
        return live;
    }

    /** How many children are linked: the live ones and the finished ones not yet pruned (tests). */
    synchronized int linkedCount() {
        int n = 0;
        for (TaskImpl<?> t = head; t != null; t = t.nextSibling) {
            n++;
        }
        return n;
    }

    // ---- join and close ----------------------------------------------------------------------

    private void requireOwner(String call) {
        TaskImpl<?> me = Context.currentTaskOrNull();
        if (me != owner) {
            throw new IllegalStateException("TaskScope '" + name + "': " + call + " may only be called by "
                    + owner.describe() + ", which opened it, not by "
                    + (me != null ? me.describe() : "thread '" + Context.threadName() + "'"));
        }
    }

    @Override
    public void join() {
        requireOwner("join()");
        Blocking.park(new Blocking.Wait() {
            @Override
            public boolean done() {
                synchronized (ScopeImpl.this) {
                    if (live == 0) {
                        waiter = null;
                        spawnedSinceJoin = false;
                        return true;
                    }
                    waiter = Thread.currentThread(); // the last task to end unparks it
                    return false;
                }
            }

            @Override
            public CancelNode cancelledAt(TaskImpl<?> task) {
                // this scope's own cancellation ends its tasks, and join waits for them
                CancelNode c = CancelNode.firstCancelled(task.current);
                return c != body ? c : null;
            }

            @Override
            public boolean withdraw() {
                synchronized (ScopeImpl.this) {
                    waiter = null;
                }
                return true;
            }
        }, this, owner, true);
        RuntimeException failure = null;
        synchronized (this) {
            if (hasFailureToReport()) {
                failure = makeReport();
            }
        }
        if (failure != null) {
            // A fail-fast scope's failed task cancelled this body, which interrupted the owner,
            // before it left the count that ended this wait; but the owner may have swallowed that
            // interrupt (a caught InterruptedException) before it called join. The status follows
            // the cancellation status again. A first-success scope whose tasks all failed cancels
            // nothing, and a join inside a shield is not cancelled: no interrupt then.
            if (owner.isEffectivelyCancelled()) {
                Thread.currentThread().interrupt();
            }
            throw failure;
        }
        owner.checkpoint();
    }

    @Override
    public void cancel() {
        cancel("TaskScope '" + name + "' was cancelled");
    }

    @Override
    public void cancel(String reason) {
        children.cancelWith(reason == null ? "cancelled" : reason, false);
    }

    @Override
    public boolean isCancelled() {
        return children.isCancelled() || body.isCancelled();
    }

    @Override
    public Optional<Task<?>> winner() {
        synchronized (this) {
            return Optional.ofNullable(winner);
        }
    }

    @Override
    public void close() {
        requireOwner("close()");
        boolean hadLive;
        synchronized (this) {
            if (state == CLOSED) {
                return;
            }
            if (owner.innermostScope != this) {
                throw new IllegalStateException("TaskScope '" + name + "' closed while an inner scope, '"
                        + owner.innermostScope.name() + "', is still open: close scopes in reverse order "
                        + "(try-with-resources does this)");
            }
            if (owner.current != body) {
                throw new IllegalStateException("TaskScope '" + name + "' closed inside a block opened after it ("
                        + owner.current + "): close the scope after that block ends (try-with-resources "
                        + "around the block does this)");
            }
            state = CLOSING;
            hadLive = live > 0;
        }
        if (hadLive) {
            children.cancelWith("TaskScope '" + name + "' closed while the task was still running", false);
        }
        awaitAllDone();
        owner.innermostScope = outer;
        owner.popNode(body);
        body.disarm();
        RuntimeException failure = null;
        boolean missingJoin;
        synchronized (this) {
            state = CLOSED;
            if (hasFailureToReport()) {
                failure = makeReport();
            }
            missingJoin = hadLive && spawnedSinceJoin && reported == null;
        }
        logUnwatchedFailures();
        if (failure != null) {
            throw failure;
        }
        if (missingJoin && !owner.isEffectivelyCancelled()) {
            throw new IllegalStateException("TaskScope '" + name + "' was closed while its tasks were still "
                    + "running, without join(): they were cancelled. Call scope.join() at the end of the "
                    + "try block to wait for them (ignore this if the block was failing anyway)");
        }
    }

    /** Waits, ignoring cancellation, until no task is live. */
    void awaitAllDone() {
        Blocking.park(() -> {
            synchronized (this) {
                if (live == 0) {
                    waiter = null;
                    return true;
                }
                waiter = Thread.currentThread();
                return false;
            }
        }, this, owner, false);
    }

    /** For the root scope: lets the closing loop thread be woken when the last task ends. */
    void setWaiter(Thread t) {
        synchronized (this) {
            waiter = t;
        }
    }

    /** For the root scope: no more spawns. */
    void markClosed() {
        synchronized (this) {
            state = CLOSED;
        }
    }

    void logUnwatchedFailures() {
        List<TaskImpl<?>> failed;
        synchronized (this) {
            failed = failedUnwatched;
            failedUnwatched = null;
        }
        if (failed == null) {
            return;
        }
        for (TaskImpl<?> t : failed) {
            if (!t.retrieved) {
                WeftEvents.unretrievedFailure(t, t.errorUnchecked());
                loop.callExceptionHandler(ExceptionContext.ofTask("Task exception was never retrieved: " + t.describe()
                        + " in TaskScope '" + name + "' failed", t.errorUnchecked(), t));
            }
        }
    }

    @Override
    public String toString() {
        return "TaskScope[" + name + ", " + policy + "]";
    }
}

package dev.weft.core;

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
 * <p>Live children form an intrusive doubly linked list through the tasks' sibling fields.
 * {@code waiter} is the owner thread parked in join/close, unparked when {@code live} drops to 0.
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

    // guarded by this
    private int state = OPEN;
    private TaskImpl<?> head;
    private int live;
    private Thread waiter;
    private boolean spawnedSinceJoin;
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
        return spawnTask(null, asCallable(task));
    }

    @Override
    public Task<Void> spawn(String taskName, Action<?> task) {
        Checks.notNull(taskName, "spawn: the task name");
        return spawnTask(taskName, asCallable(task));
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
        TaskImpl<T> t = new TaskImpl<>(loop, this, taskName, task, Context.currentTaskOrNull());
        synchronized (this) {
            if (state == CLOSED) {
                throw new IllegalStateException("cannot spawn into TaskScope '" + name + "': it is closed. "
                        + "Spawn inside the scope's try block, or open a new TaskScope");
            }
            t.nextSibling = head;
            if (head != null) {
                head.prevSibling = t;
            }
            head = t;
            live++;
            spawnedSinceJoin = true;
        }
        t.thread.start();
        return t;
    }

    /** Called by each task once it is done. */
    void childDone(TaskImpl<?> t) {
        String cancelBody = null;
        boolean cancelOthers = false;
        Thread toWake = null;
        synchronized (this) {
            if (t.prevSibling != null) {
                t.prevSibling.nextSibling = t.nextSibling;
            } else {
                head = t.nextSibling;
            }
            if (t.nextSibling != null) {
                t.nextSibling.prevSibling = t.prevSibling;
            }
            t.prevSibling = t.nextSibling = null;
            live--;
            int outcome = t.stateCode();
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
            } else if (outcome == FutureCore.SUCCESS && policy == Policy.FIRST_SUCCESS && winner == null) {
                winner = t;
                cancelOthers = true;
            }
            if (live == 0) {
                toWake = waiter;
            }
        }
        if (cancelBody != null) {
            body.cancelWith("a task of TaskScope '" + name + "' failed: " + cancelBody, false);
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
            if (reported != null || failures.isEmpty()) {
                return null;
            }
            return makeReport();
        }
    }

    // ---- waking --------------------------------------------------------------------------------

    void collectChildren(Collection<TaskImpl<?>> into) {
        synchronized (this) {
            for (TaskImpl<?> t = head; t != null; t = t.nextSibling) {
                into.add(t);
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

    synchronized int liveCount() {
        return live;
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
        boolean foreignInterrupt = false;
        try {
            while (true) {
                synchronized (this) {
                    if (live == 0) {
                        waiter = null;
                        spawnedSinceJoin = false;
                        break;
                    }
                    waiter = Thread.currentThread();
                }
                CancelNode c = CancelNode.firstCancelled(owner.current);
                if (c != null && c != body) {
                    synchronized (this) {
                        waiter = null;
                    }
                    throw owner.cancellationFor(c);
                }
                if (Thread.interrupted() && c == null) {
                    foreignInterrupt = true;
                }
                owner.waitingOn = this; // for a dump only: see TaskImpl.waitingOn
                LockSupport.park(this);
                owner.waitingOn = null;
            }
        } finally {
            if (foreignInterrupt) {
                Thread.currentThread().interrupt();
            }
        }
        RuntimeException failure = null;
        synchronized (this) {
            if (hasFailureToReport()) {
                failure = makeReport();
            }
        }
        if (failure != null) {
            Thread.currentThread().interrupt();
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
        boolean interrupted = false;
        while (true) {
            synchronized (this) {
                if (live == 0) {
                    waiter = null;
                    break;
                }
                waiter = Thread.currentThread();
            }
            if (owner != null) {
                owner.waitingOn = this;
            }
            LockSupport.park(this);
            if (owner != null) {
                owner.waitingOn = null;
            }
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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

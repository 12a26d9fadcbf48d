package dev.weft.core;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.MDC;

/**
 * A task: one virtual thread running one body in a scope.
 *
 * <h2>Implementation notes</h2>
 * States are {@link FutureCore}'s: PENDING (shown as RUNNING), SUCCESS, FAILED, CANCELLED.
 * <p>Cancellation: {@code root} is this task's node in the cancellation tree; its parent is the
 * CHILDREN node of the scope it was spawned into. {@code current} is the innermost node of the
 * task (written only by the task's thread, read by any thread that wakes it). A waker interrupts
 * the thread only if the task is effectively cancelled at that moment; entering a shield and
 * leaving any node re-align the interrupt status with the cancellation status under this
 * object's lock ({@link #resyncInterrupt()}), so a shielded region never sees a stray interrupt.
 * <p>{@code innermostScope} links the scopes this task has open (each knows the next one out),
 * so that a cancellation can wake the whole subtree of tasks under a node.
 * <p>{@code nextSibling} links the scope's children (newest first): set before the task is pushed,
 * changed afterwards only by the scope's prune, under the scope's lock (see {@link ScopeImpl}).
 */
final class TaskImpl<T> extends FutureCore<T> implements Task<T>, Runnable, Thread.UncaughtExceptionHandler {
    /** Marks a task-local with no value set. */
    static final Object NO_VALUE = new Object();
    /** An unnamed task is "Task-" and its thread's id. */
    static final String UNNAMED_PREFIX = "Task-";

    final ScopeImpl scope;
    /** A {@code Callable<T>}, or an {@link Action} for a {@code TaskImpl<Void>} (no wrapper to allocate). */
    private final Object body;
    private final String givenName;
    final Thread thread;
    final CancelNode root;
    volatile CancelNode current;
    volatile ScopeImpl innermostScope;
    TaskImpl<?> nextSibling;
    private Map<TaskLocal<?>, Object> locals;
    private final Map<String, String> mdc;
    /** When the task was spawned, on the loop clock. */
    final long born;
    /**
     * What the task is parked on, for {@link TaskDump}: the task it joins, the wait queue node of
     * a primitive, a scope, a sleep's timer, a toThread job; null while it runs. A plain field,
     * written only by the task's own thread when it parks in Weft's wait engine and cleared when
     * it wakes; a dump reads it racily (a reference read is atomic), which is all a snapshot of
     * moving tasks can be.
     */
    Object waitingOn;
    /**
     * Null, or the loop whose callbacks this task's thread runs while it closes that loop: see
     * {@link Context}. Written and read only by the task's own thread.
     */
    Object borrowedContext;

    TaskImpl(LoopImpl loop, ScopeImpl scope, String name, Object body, TaskImpl<?> parent) {
        super(loop);
        this.scope = scope;
        this.body = body;
        this.givenName = name;
        this.root = new CancelNode(loop, scope.children, CancelNode.TASK, this, null);
        this.current = root;
        this.locals = parent == null ? null : parent.locals;
        this.mdc = MDC.getCopyOfContextMap();
        this.born = loop.time();
        this.thread = loop.newTaskThread(this, name); // named "weft-loop-3/Task-26", "weft-loop-3/fetch"
        loop.taskCreated(this);
    }

    @Override
    public void run() {
        WeftEvents.taskStarted(this);
        if (mdc != null && !mdc.isEmpty()) {
            MDC.setContextMap(mdc);
        }
        T v = null;
        Throwable err = null;
        try {
            CancelNode c = CancelNode.firstCancelled(root);
            if (c != null) {
                err = new CancelledException(c.reason());
            } else {
                v = callBody();
            }
        } catch (Throwable e) {
            err = e;
        }
        if (innermostScope != null) {
            err = closeLeftoverScopes(err);
        }
        err = asCancellationIfInterrupted(err);
        if (err instanceof CancelledException cancelled) {
            TaskScopeFailedException failed = ScopeImpl.failureCarriedBy(cancelled);
            if (failed != null) {
                err = failed; // a scope failed while the task unwound: the task fails with it
            }
        }
        int outcome = err == null ? SUCCESS : err instanceof CancelledException ? CANCELLED : FAILED;
        loop.taskEnded(this);
        WeftEvents.taskEnded(this, outcome, err);
        settle(outcome, outcome == SUCCESS ? v : null, err);
    }

    @SuppressWarnings("unchecked")
    private T callBody() throws Exception {
        if (body instanceof Callable<?> c) {
            return (T) c.call();
        }
        ((Action<?>) body).run();
        return null;
    }

    /**
     * The thread's uncaught-exception handler, which is also how {@link Context} finds this task
     * from its thread. {@link #run()} lets nothing escape the body, so only a failure of Weft
     * itself reaches here: report it to the loop.
     */
    @Override
    public void uncaughtException(Thread t, Throwable e) {
        loop.callExceptionHandler(ExceptionContext.ofTask("internal error after " + describe() + " ran", e, this));
    }

    /** The scope learns of the outcome before any joiner or done callback does. */
    @Override
    void afterSettled() {
        scope.childDone(this);
    }

    /**
     * A cancelled task whose body ended with the JDK's form of the interrupt (from
     * {@code Thread.sleep}, a blocking queue, an interruptible channel) ended because of the
     * cancellation: report it as cancelled, keeping the JDK exception as the cause.
     */
    private Throwable asCancellationIfInterrupted(Throwable err) {
        return asCancellationIfInterrupted(root, err);
    }

    /**
     * {@code err} as a {@link CancelledException} (with {@code err} as its cause) if it is the
     * JDK's form of an interrupt and the region {@code node} is cancelled, so that Weft's
     * cancellation is what interrupted the call; otherwise {@code err} itself. The JDK's forms:
     * {@code InterruptedException}; {@code ClosedByInterruptException} from an interruptible
     * channel; on a virtual thread, a {@code java.net.Socket} call closed by the interrupt throws
     * {@code SocketException} and leaves the thread interrupted. Called on the task's thread.
     */
    static Throwable asCancellationIfInterrupted(CancelNode node, Throwable err) {
        if (err instanceof InterruptedException || err instanceof java.nio.channels.ClosedByInterruptException
                || err instanceof java.net.SocketException && Thread.currentThread().isInterrupted()) {
            CancelNode cancelled = CancelNode.firstCancelled(node);
            if (cancelled != null) {
                CancelledException e = new CancelledException(cancelled.reason());
                e.initCause(err);
                return e;
            }
        }
        return err;
    }

    /** The body returned with scopes still open (no try-with-resources): close them here. */
    private Throwable closeLeftoverScopes(Throwable err) {
        for (ScopeImpl s; (s = innermostScope) != null; ) {
            FailureLog.error("{} ended with TaskScope '{}' still open; open scopes with try-with-resources so "
                    + "they close; Weft cancelled and closed it", describe(), s.name());
            try {
                s.cancel("its task ended without closing it");
                s.close();
            } catch (RuntimeException e) {
                if (err == null) {
                    err = e;
                } else if (err != e) {
                    err.addSuppressed(e);
                }
            }
        }
        return err;
    }

    // ---- cancellation ---------------------------------------------------------------------

    /** Throws if this task is cancelled; called on the task's own thread. */
    void checkpoint() {
        CancelNode c = CancelNode.firstCancelled(current);
        if (c != null) {
            throw cancellationFor(c);
        }
    }

    /**
     * The exception for a cancellation found at {@code c}: the scope's failure the first time a
     * failed scope's body is interrupted, otherwise {@link CancelledException}. Leaves the thread
     * interrupted, so that JDK blocking calls see the cancellation too.
     */
    RuntimeException cancellationFor(CancelNode c) {
        Thread.currentThread().interrupt();
        if (c.kind == CancelNode.BODY && c.scope != null && c.scope.owner == this) {
            RuntimeException failure = c.scope.takeFailureForBody();
            if (failure != null) {
                return failure;
            }
        }
        return new CancelledException(c.reason());
    }

    boolean isEffectivelyCancelled() {
        return CancelNode.firstCancelled(current) != null;
    }

    /** Interrupts the thread if the task is cancelled now and still running. */
    void wakeIfCancelled() {
        synchronized (this) {
            if (!isDone() && CancelNode.firstCancelled(current) != null) {
                thread.interrupt();
            }
        }
    }

    /** Wakes {@code top} and every task in scopes it, or its descendants, have open. */
    static void wakeTree(TaskImpl<?> top) {
        ArrayDeque<TaskImpl<?>> pending = new ArrayDeque<>();
        pending.push(top);
        while (!pending.isEmpty()) {
            TaskImpl<?> t = pending.pop();
            t.wakeIfCancelled();
            for (ScopeImpl s = t.innermostScope; s != null; s = s.outer) {
                s.collectChildren(pending);
            }
        }
    }

    /** Pushes a node that is not a shield: the cancellation status cannot change. */
    void pushNode(CancelNode node) {
        current = node;
    }

    void pushShield(CancelNode node) {
        synchronized (this) {
            current = node;
            resyncInterrupt();
        }
    }

    void popNode(CancelNode node) {
        if (current != node) {
            throw new IllegalStateException("cancel scopes of " + describe()
                    + " were left out of order: close them in the reverse order they were opened");
        }
        current = node.parent;
        if (node.kind != CancelNode.SHIELD && !node.isCancelled()) {
            // Leaving an uncancelled region that is not a shield leaves the status as it was. A
            // canceller writes the node's flag before it reads current under the lock; this
            // thread writes current before it reads the flag: if the flag is missed here, the
            // canceller sees the parent and does not interrupt.
            return;
        }
        synchronized (this) {
            resyncInterrupt();
        }
    }

    /** On the task's thread, under this lock: interrupt status := cancellation status. */
    private void resyncInterrupt() {
        if (CancelNode.firstCancelled(current) != null) {
            Thread.currentThread().interrupt();
        } else {
            Thread.interrupted();
        }
    }

    CancelNode currentNode() {
        return current;
    }

    // ---- Task ----------------------------------------------------------------------------------

    @Override
    public String name() {
        return givenName != null ? givenName : UNNAMED_PREFIX + thread.threadId();
    }

    @Override
    String describe() {
        return "task '" + name() + "'";
    }

    @Override
    public Loop loop() {
        return loop;
    }

    @Override
    public T join() {
        TaskImpl<?> me = Context.currentTaskOrNull();
        if (me == this) {
            throw new IllegalStateException(describe() + " tried to join itself, which would wait forever; "
                    + "join it from another task, or return the value instead");
        }
        if (!isDone() || me != null) {
            try {
                awaitDone();
            } catch (RuntimeException cancelled) {
                if (me != null && !isDone()) {
                    cancel(me.describe() + ", which was joining it, was cancelled");
                    awaitDoneUninterruptibly();
                }
                throw cancelled;
            }
        }
        return report();
    }

    @Override
    public boolean cancel(String reason) {
        if (isDone()) {
            return false;
        }
        root.cancelWith(reason == null ? "cancelled" : reason, false);
        return true;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel("cancelled");
    }

    @Override
    public boolean isCancelRequested() {
        return CancelNode.firstCancelled(root) != null;
    }

    @Override
    public void onDone(Consumer<? super Task<T>> callback) {
        onDoneInternal(this, callback);
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        return mirror(() -> cancel("its CompletableFuture was cancelled"));
    }

    // ---- task-locals -----------------------------------------------------------------------------

    Object localValue(TaskLocal<?> key, Object absent) {
        Map<TaskLocal<?>, Object> m = locals;
        if (m == null) {
            return absent;
        }
        return m.getOrDefault(key, absent);
    }

    void setLocalValue(TaskLocal<?> key, Object value) {
        locals = withLocal(locals, key, value);
    }

    /** The task's values now; the map is never modified (a set makes a new one), so it may be shared. */
    Map<TaskLocal<?>, Object> localsSnapshot() {
        return locals;
    }

    /** A copy of {@code locals} (null for none) with {@code key} set to {@code value}. */
    static Map<TaskLocal<?>, Object> withLocal(Map<TaskLocal<?>, Object> locals, TaskLocal<?> key, Object value) {
        Map<TaskLocal<?>, Object> copy = locals == null ? new HashMap<>(4) : new HashMap<>(locals);
        copy.put(key, value);
        return copy;
    }
}

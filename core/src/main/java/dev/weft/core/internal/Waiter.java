package dev.weft.core.internal;

import dev.weft.core.CancelledException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One blocked call of a sync primitive (a lock acquire, a queue get, a channel send, a select):
 * the thread that waits and how its wait ended. The primitive puts it in one
 * {@link WaitQueue} (a select puts it in several) and calls {@link #await}.
 *
 * <h2>Implementation notes</h2>
 * {@code outcome} is set once, by CAS, from {@code null} (waiting) to one of:
 * <table>
 * <caption>Outcomes</caption>
 * <tr><th>outcome</th><th>set by</th><th>under</th></tr>
 * <tr><td>a {@link WaitQueue.Node}: granted through it</td><td>a releaser, putter, sender,
 *     signaller (it hands over a permit, an item or a wake-up)</td>
 *     <td>that node's queue lock</td></tr>
 * <tr><td>the item handed over, or {@link #TAKEN}: a claimable waiter, decided by its claimer
 *     ({@link #handOver}); it counts as granted through its own node</td><td>the partner that
 *     took it out of its queue's slot ({@link WaitQueue#claimLone})</td><td>no lock</td></tr>
 * <tr><td>a {@link Failure}</td><td>close, shutdown, abort, reset</td><td>that node's queue lock</td></tr>
 * <tr><td>{@link #CANCELLED}</td><td>the waiting thread, when its task is cancelled</td>
 *     <td>the locks of <em>every</em> queue holding one of its nodes ({@link Withdrawal})</td></tr>
 * </table>
 * So, for a waiter with a single node, the state of a node in a queue's list changes only under
 * that queue's lock: a primitive holding its lock sees a list of undecided waiters and may count
 * them (a barrier trips only with every party present; statistics are exact). A claimable waiter
 * (a rendezvous channel's lone waiter) is decided without the lock only by the one party that
 * swapped it out of its queue's slot, so its node is in no list when that happens; every locked
 * operation moves that node into the list first. Only {@code select} puts one
 * waiter in several queues; a channel that finds a node decided through another queue skips it.
 *
 * <p><b>Cancellation against a grant.</b> The waiting thread decides "cancelled" only by winning
 * the CAS under the locks, so a grant either happened before (the call succeeds; the cancellation
 * is raised at the next checkpoint, since it is level-triggered) or can no longer happen. One
 * window remains: the checkpoint at the start of {@link Blocking#await} may throw after the node
 * was queued, and a grant may land before the thread takes the locks. Then {@link Undo} gives the
 * grant back (a permit or lock to the next waiter, an item back to the front); what cannot be
 * given back (an item a receiver already has) completes the call, and the pending cancellation is
 * raised at the next checkpoint. Either way no permit, wake-up or item is lost or taken twice.
 * Blocking may check readiness twice before its checkpoint, so once withdrawn a waiter keeps
 * answering "not ready" ({@link #grantedOrFailed}). (A
 * scope's failure thrown at that checkpoint is delivered only once, so it is thrown even then: the
 * operation happened, and the block is failing.)
 *
 * <p><b>Waiting.</b> On a parallel loop a waiter first in its queue yields its carrier once
 * before it parks (one queued behind another waiter parks at once: the next grant is not for it;
 * ADR 0008's addendum). The party that will decide it is often queued on that very carrier (a
 * virtual thread unparked by this one is pushed to this carrier's queue), so it runs at once and
 * decides the waiter before it ever parks: the hand-off then costs two continuation switches
 * instead of a park, an unpark and, often, waking an idle carrier thread. A decider unparks the
 * waiter only once it may park ({@code mayPark}). A claimable node's waiter first spins briefly,
 * but only while its carrier has nothing else queued ({@link Carriers}, ADR 0010): its partner
 * then runs on another carrier and claims the waiter without the lock, and a hand-off that is
 * decided during the spin costs no continuation switch at all. Spinning without that check holds the carrier the partner may be
 * queued on (ADR 0008). Confined loops never spin or yield here: their scheduler already runs the
 * next task when this one parks.
 *
 * <p>Threads: {@code thread} and {@code task} are the waiting call's, fixed at construction.
 * {@code outcome} is written by any thread (CAS) and read by the waiting thread; the node's
 * {@code item} is written before the CAS that grants through it, so the waiter sees it. A
 * claimer writes nothing but {@code outcome}, which carries the item itself, and reads only
 * {@code offered} and {@code mayPark} beside it: besides the slot, the hand-off moves one cache
 * line, where reading the node, writing its item and then the outcome moved two (ADR 0010's
 * addendum measures it). The waiting thread copies a handed item into its own node
 * ({@link #granted}). {@code lonely} and {@code offered} are written before the waiter is
 * published to a queue's claimable slot and never again.
 * {@code withdrawal} (and a single-node wait's {@code Node.undo}) are plain fields, written and
 * read by the waiting thread only, during its {@link #await}; {@code withdrawal} and
 * {@code mayPark} are written only once the waiter is about to park, so that a waiter decided
 * while it spun never writes to the object its granter is still using.
 */
final class Waiter implements BooleanSupplier {
    /** The outcome of a waiter whose call was cancelled. */
    static final Object CANCELLED = new Object() {
        @Override
        public String toString() {
            return "CANCELLED";
        }
    };

    /** The outcome of a claimed waiter whose offered item its claimer took. */
    static final Object TAKEN = new Object() {
        @Override
        public String toString() {
            return "TAKEN";
        }
    };

    private static final VarHandle OUTCOME;

    static {
        try {
            OUTCOME = MethodHandles.lookup().findVarHandle(Waiter.class, "outcome", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Whether a waiter on a parallel loop yields once before it parks (-Dweft.yieldBeforePark=false: never). */
    private static final boolean YIELD_FIRST = !"false".equals(System.getProperty("weft.yieldBeforePark"));

    /** How many times a claimable waiter spins before it yields (SynchronousQueue's figure). */
    private static final int SPINS = 128;

    final Thread thread;
    /** The waiting task, or null on a plain thread (where an interrupt plays cancellation). */
    final TaskImpl<?> task;
    private volatile Object outcome; // CAS through OUTCOME
    /**
     * Set by the waiting thread before it may park; a decider unparks it only then. Written
     * before, and {@code outcome} read after, so that either the waiter sees the decision or
     * the decider sees the flag (both volatile: sequentially consistent).
     */
    private volatile boolean mayPark;
    /** How a cancelled {@link #await} withdraws; set by the waiting thread as it starts waiting. */
    private Withdrawal withdrawal;
    /** A claimable waiter's node (see {@link WaitQueue#enqueueClaimable}), or null. */
    WaitQueue.Node lonely;
    /** A claimable sender's offered item, which its claimer takes from here, or null. */
    Object offered;

    /** A waiter for the current thread. */
    Waiter() {
        this(Context.currentTaskOrNull());
    }

    /** A waiter for the current thread, whose task (or null) the caller already looked up. */
    Waiter(TaskImpl<?> task) {
        this.thread = Thread.currentThread();
        this.task = task;
    }

    /** Why a waiter's call fails: made on the waiting thread, so the stack trace is the caller's. */
    @FunctionalInterface
    interface Failure {
        RuntimeException exception();
    }

    /** What a primitive does when a waiting call is cancelled. */
    interface Withdrawal {
        /**
         * Takes the locks of every queue holding the waiter's nodes and, if
         * {@link Waiter#cancel()} succeeds, unlinks them. Returns false if the waiter was decided
         * first (granted or failed).
         */
        boolean withdraw(Waiter w);

        /** The call is being cancelled but was granted through {@code granted}: see {@link Undo}. */
        boolean undo(WaitQueue.Node granted);
    }

    /** Gives back what a grant handed to a call that is being cancelled. Called with no lock held. */
    @FunctionalInterface
    interface Undo {
        /** Nothing was taken (an event's or a condition's wake-up to one waiter of many). */
        Undo NOTHING_TAKEN = granted -> true;
        /** The grant cannot be taken back (the item is delivered, the barrier tripped). */
        Undo IMPOSSIBLE = granted -> false;

        /**
         * Passes on the permit, ownership, wake-up or item {@code granted} carried. Returns true
         * if the call may now fail as if it never waited, false if the grant cannot be undone.
         */
        boolean undo(WaitQueue.Node granted);
    }

    // ---- deciding --------------------------------------------------------------------------

    /** Grants through {@code via} and wakes the thread. False if already decided. */
    boolean grant(WaitQueue.Node via) {
        if (OUTCOME.compareAndSet(this, null, via)) {
            wake();
            return true;
        }
        return false;
    }

    /**
     * For the claimer of a claimable waiter ({@link WaitQueue#claimLone}): decides it with one
     * write, handing over {@code item} (or {@link #TAKEN}, for a sender whose {@link #offered}
     * item the claimer takes), and wakes the thread. False if already decided (its own
     * cancellation came first). {@code item} is never a node, a failure or a sentinel of this
     * class: a channel's items are its users' objects.
     */
    boolean handOver(Object item) {
        if (OUTCOME.compareAndSet(this, null, item)) {
            wake();
            return true;
        }
        return false;
    }

    private void wake() {
        if (mayPark) {
            LockSupport.unpark(thread);
        }
    }

    /** Fails the wait and wakes the thread. False if already decided. */
    boolean fail(Failure failure) {
        if (OUTCOME.compareAndSet(this, null, failure)) {
            wake();
            return true;
        }
        return false;
    }

    /** Called by the waiting thread, under every lock of its queues. False if already decided. */
    boolean cancel() {
        return OUTCOME.compareAndSet(this, null, CANCELLED);
    }

    boolean isDecided() {
        return outcome != null;
    }

    /** The task if any, else the thread: who holds what this waiter acquires. */
    Object holder() {
        return task != null ? task : thread;
    }

    // ---- waiting ---------------------------------------------------------------------------

    /**
     * Waits for the single node {@code node} to be granted. Returns it (its {@code item} holds
     * what was handed over); throws the failure it was failed with, or the cancellation after
     * withdrawing the node (or undoing a grant that raced with the cancellation).
     */
    WaitQueue.Node awaitGrant(WaitQueue.Node node, Undo undo) {
        if (node.undo != undo) {
            // a claimable node got its undo before it was published: no write here, as a partner may be using it
            node.undo = undo;
        }
        return await(node);
    }

    /**
     * Parks until this waiter is decided or its task is cancelled. Call it without any lock
     * held, after queueing its nodes. Returns the node it was granted through.
     */
    WaitQueue.Node await(Withdrawal withdrawal) {
        assert thread == Thread.currentThread() : "a waiter awaits on its own thread";
        LoopImpl loop = task != null ? task.loop : null;
        boolean parallel = thread.isVirtual() && (loop == null || !loop.isConfined());
        try {
            // inside the try: whatever this throws, the node is withdrawn, never left claimable
            if (parallel && outcome == null && withdrawal instanceof WaitQueue.Node n && n.claimable()
                    && Carriers.currentCarrierIdle()) {
                // A partner claims this node without the lock, usually within a few hundred
                // nanoseconds, from another carrier (ours has nothing queued): see "Waiting".
                for (int i = SPINS; i > 0 && outcome == null; i--) {
                    Thread.onSpinWait();
                }
            }
            if (YIELD_FIRST && parallel && outcome == null
                    && !(withdrawal instanceof WaitQueue.Node n && n.queuedBehind)) {
                // Let the carrier run whoever is queued on it (often the party that will decide this
                // waiter) before parking: see "Waiting" in the notes above.
                Thread.yield();
            }
            if (outcome != null) {
                // Decided while spinning or yielding: this thread will not park, so it neither
                // announces a park nor writes to the waiter a granter may still be reading.
                Blocking.checkpoint(task);
            } else {
                this.withdrawal = withdrawal;
                mayPark = true;
                Blocking.await(this, task, loop, Long.MAX_VALUE);
            }
        } catch (RuntimeException | Error cancellation) {
            return afterCancellation(withdrawal, cancellation);
        }
        Object o = outcome;
        if (o instanceof Failure f) {
            throw f.exception();
        }
        return granted(withdrawal, o);
    }

    /**
     * The node a granted outcome {@code o} came through: the node itself, or, for a claimable
     * waiter decided by {@link #handOver}, its own node ({@code withdrawal}), into which a handed
     * item is copied here, on the waiting thread.
     */
    private static WaitQueue.Node granted(Withdrawal withdrawal, Object o) {
        if (o instanceof WaitQueue.Node n) {
            return n;
        }
        assert o != null && o != CANCELLED && !(o instanceof Failure) : "only a granted outcome comes here: " + o;
        WaitQueue.Node n = (WaitQueue.Node) withdrawal;
        assert n.waiter.lonely == n : "only a claimable waiter is decided by a hand-over";
        if (o != TAKEN) {
            n.item = o;
        }
        return n;
    }

    /**
     * Blocking's readiness check, for the waiting thread only, during {@link #await}: see
     * {@link #grantedOrFailed}. (The waiter is its own check, so that a wait allocates nothing
     * for it.)
     */
    @Override
    public boolean getAsBoolean() {
        return grantedOrFailed(withdrawal);
    }

    /**
     * Blocking's readiness check. When the task is cancelled and nothing was handed to it yet,
     * withdraws and answers false, so that Blocking's checkpoint, which comes next, throws; once
     * withdrawn it keeps answering false (Blocking may ask again before its checkpoint).
     */
    boolean grantedOrFailed(Withdrawal withdrawal) {
        if (outcome == null && cancelledNow()) {
            withdrawal.withdraw(this);
        }
        Object o = outcome;
        return o != null && o != CANCELLED;
    }

    private WaitQueue.Node afterCancellation(Withdrawal withdrawal, Throwable cancellation) {
        if (!isDecided() && withdrawal.withdraw(this)) {
            throw Context.<RuntimeException>sneakyThrow(cancellation);
        }
        Object o = outcome;
        if (o == CANCELLED || o instanceof Failure) {
            throw Context.<RuntimeException>sneakyThrow(cancellation);
        }
        WaitQueue.Node granted = granted(withdrawal, o);
        if (withdrawal.undo(granted)) {
            throw Context.<RuntimeException>sneakyThrow(cancellation);
        }
        if (cancellation instanceof CancelledException) {
            // The operation happened and cannot be taken back: complete it. The cancellation is
            // level-triggered and the thread stays interrupted: the next checkpoint raises it.
            return granted;
        }
        throw Context.<RuntimeException>sneakyThrow(cancellation);
    }

    private boolean cancelledNow() {
        return task != null ? task.isEffectivelyCancelled() : thread.isInterrupted();
    }

    /** Waits until decided, ignoring cancellation (a condition re-acquiring its lock). */
    void awaitUninterruptibly() {
        mayPark = true;
        Blocking.awaitUninterruptibly(this::isDecided);
        assert !(outcome instanceof Failure) && outcome != CANCELLED : "an uninterruptible wait is only granted";
    }

    // ---- calls that may block ------------------------------------------------------------------

    /**
     * The checkpoint every blocking call of a primitive starts with, before it changes any
     * state: throws if the calling task is cancelled (or the plain thread interrupted), and
     * refuses to block a loop's callback thread. Returns the calling task, or null on a plain
     * thread, for the call's {@link #Waiter(TaskImpl)}.
     */
    static TaskImpl<?> checkpoint(String call) {
        return checkpoint(call, "");
    }

    /** {@link #checkpoint(String)} for the call {@code type + call}, joined only for a message. */
    static TaskImpl<?> checkpoint(String type, String call) {
        TaskImpl<?> task = Context.currentTaskOrNull();
        if (task != null) {
            task.checkpoint();
            return task;
        }
        LoopImpl loop = Context.currentLoopOrNull();
        if (loop != null) {
            throw new IllegalStateException(type + call + " may block, and it was called from a callback of " + loop
                    + "; callbacks must not block: use the non-blocking form (tryX), or spawn a task for this");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CancelledException("thread '" + Context.threadName() + "' was interrupted before " + type + call);
        }
        return null;
    }

    /** Who would hold what the current thread acquires: its task, or the thread itself. */
    static Object currentHolder() {
        return holderFor(Context.currentTaskOrNull());
    }

    /** Who holds what the current thread acquires, for a caller that knows its task (or null). */
    static Object holderFor(TaskImpl<?> task) {
        return task != null ? task : Thread.currentThread();
    }

    /** "task 'x'" or "thread 'y'", for messages. */
    static String describe(Object holder) {
        if (holder instanceof TaskImpl<?> t) {
            return t.describe();
        }
        if (holder instanceof Thread t) {
            return "thread '" + (t.getName().isEmpty() ? t.toString() : t.getName()) + "'";
        }
        return String.valueOf(holder);
    }

    @Override
    public String toString() {
        Object o = outcome;
        String state = o == null ? "waiting"
                : o == CANCELLED || o == TAKEN || o instanceof WaitQueue.Node || o instanceof Failure ? o.toString()
                : "handed an item"; // a user's object: its toString is not ours to call
        return "Waiter[" + describe(holder()) + ", " + state + "]";
    }
}

package dev.weft.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

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
 *     took it out of its channel's slot ({@link RendezvousSlot#claim})</td><td>no lock</td></tr>
 * <tr><td>a {@link Failure}</td><td>close, shutdown, abort, reset</td><td>that node's queue lock</td></tr>
 * <tr><td>{@link #CANCELLED}</td><td>the waiting thread, when its task is cancelled</td>
 *     <td>the locks of <em>every</em> queue holding one of its nodes ({@link Withdrawal})</td></tr>
 * </table>
 * So, for a waiter with a single node, the state of a node in a queue's list changes only under
 * that queue's lock: a primitive holding its lock sees a list of undecided waiters and may count
 * them (a barrier trips only with every party present; statistics are exact). A claimable waiter
 * (a rendezvous channel's lone waiter) is decided without the lock only by the one party that
 * swapped it out of its channel's slot, so its node is in no list when that happens; every locked
 * operation moves that node into the list first. Only {@code select} puts one
 * waiter in several queues; a channel that finds a node decided through another queue skips it.
 *
 * <p><b>Cancellation against a grant: one CAS decides, and nothing is given back</b> (ADR 0011).
 * Once its nodes are queued, the waiting thread never throws a cancellation it has not won: it
 * sees its task cancelled (or, on a plain thread, the interrupt) only in {@link Blocking#park},
 * the one park loop, which then withdraws it ({@link #withdraw}: a CAS to {@link #CANCELLED}
 * under the locks). If that CAS wins, no grant can land any more and the call throws the
 * cancellation (found only now, so a scope's failure, delivered once, is delivered here). If a
 * grant, hand-over or failure won, the call ends with it exactly as if the task had not been cancelled
 * (the item is returned, the permit held, the send done), and the cancellation, level-triggered,
 * is raised at the call's next checkpoint. The same holds whether the grant landed while the
 * waiter yielded or was parked, and whatever the primitive: no grant is ever given back.
 * That is what makes end-of-stream final: an item handed to a receiver being cancelled used to be
 * put back into its channel or queue, possibly after {@code close()} or {@code shutdown()} had
 * already delivered the end to other receivers, so a consumer that stopped at the end lost it
 * (issue 15). Trio decides the same way (a task rescheduled with a value gets it; its abort comes
 * too late); asyncio instead raises the cancellation and passes the wake-up on, which it can do
 * because its wake-ups carry no item and its end is checked by the woken getter itself. The
 * call's entry checkpoint, before anything is queued, keeps every such call a checkpoint.
 * Why end-of-stream is then final: after {@code close()} handed the end to the waiting receivers
 * (or {@code shutdown()} failed the getters of an empty queue), an item enters the channel or
 * queue only through a send or put, which the closed side refuses, or through a hand-off already
 * decided by its CAS before the close, whose receiver returns it; no path puts one back.
 *
 * <p><b>Waiting.</b> On a parallel loop a waiter first in its queue yields its carrier once
 * before it parks (one queued behind another waiter parks at once: the next grant is not for it;
 * ADR 0008's addendum). The party that will decide it is often queued on that very carrier (a
 * virtual thread unparked by this one is pushed to this carrier's queue), so it runs at once and
 * decides the waiter before it ever parks: the hand-off then costs two continuation switches
 * instead of a park, an unpark and, often, waking an idle carrier thread. A decider unparks the
 * waiter only once it may park ({@code mayPark}). A claimable node's waiter first spins briefly,
 * but only while its carrier has nothing else queued ({@link Carriers}, ADR 0010 and its last
 * addendum): its partner then runs on another carrier and claims the waiter without the lock, and
 * a hand-off decided during the spin costs no continuation switch at all. Spinning without that
 * check holds the carrier the partner may be queued on (ADR 0008). Confined loops never spin or
 * yield here: their scheduler already runs the next task when this one parks.
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
 * {@code withdrawal} is a plain field, written and read by the waiting thread only, during its
 * {@link #await}; {@code withdrawal} and {@code mayPark} are written only once the waiter is about
 * to park, so that a waiter decided while it yielded never writes to the object its granter is still
 * using.
 */
final class Waiter implements Blocking.Wait {
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


    /**
     * Tests only: run by a waiting thread in {@link #await} once it has yielded and before
     * it looks at its outcome to decide whether to park, so that a test can decide the waiter, or
     * cancel it, at exactly that point on either loop kind. Null outside tests: a plain static
     * read on the way to parking, nothing on the hand-off itself.
     */
    static Consumer<Waiter> beforeParkHook;

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
    /** How a cancelled {@link #await} withdraws; set by the waiting thread before it may park. */
    private Withdrawal withdrawal;
    /** A claimable waiter's node (see {@link RendezvousSlot#enqueue}), or null. */
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
    @FunctionalInterface
    interface Withdrawal {
        /**
         * Takes the locks of every queue holding the waiter's nodes and, if
         * {@link Waiter#cancel()} succeeds, unlinks them. Returns false if the waiter was decided
         * first (granted or failed): the call then ends with that outcome.
         */
        boolean withdraw(Waiter w);
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
     * For the claimer of a claimable waiter ({@link RendezvousSlot#claim}): decides it with one
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
     * what was handed over); throws the failure it was failed with, or the cancellation once its
     * withdrawal won (a grant that won completes the call: see the notes above).
     */
    WaitQueue.Node awaitGrant(WaitQueue.Node node) {
        return await(node);
    }

    /**
     * Parks until this waiter is decided, withdrawing it if its task is cancelled first. Call it
     * without any lock held, after queueing its nodes. Returns the node it was granted through;
     * throws its failure, or the cancellation if the withdrawal won.
     */
    WaitQueue.Node await(Withdrawal withdrawal) {
        assert thread == Thread.currentThread() : "a waiter awaits on its own thread";
        LoopImpl loop = task != null ? task.loop : null;
        boolean parallel = thread.isVirtual() && (loop == null || !loop.isConfined());
        try {
            // inside the try: whatever this throws, the node is withdrawn, never left claimable
            if (parallel && outcome == null && lonely != null && lonely == withdrawal
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
            if (beforeParkHook != null) {
                beforeParkHook.accept(this);
            }
            // A waiter decided while it yielded does not park: it neither announces a
            // park nor writes to the waiter a granter may still be reading.
            if (outcome == null) {
                this.withdrawal = withdrawal;
                mayPark = true;
                // throws the cancellation if the withdrawal wins (the waiter is then CANCELLED)
                Blocking.park(this, withdrawal, task, true);
            }
        } catch (RuntimeException | Error thrown) {
            // a cancellation whose withdrawal won, or a VM error: then leave no node behind if it still can
            if (!isDecided()) {
                withdrawal.withdraw(this);
            }
            throw thrown;
        }
        Object o = outcome;
        assert o != CANCELLED : "a withdrawal that won throws the cancellation from Blocking.park";
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

    /** {@link Blocking.Wait}: the wait is over once the waiter is decided. For the waiting thread. */
    @Override
    public boolean done() {
        return outcome != null;
    }

    /**
     * {@link Blocking.Wait}: where the cancellation is decided. The task is cancelled (the plain
     * thread interrupted) and nothing was decided yet: withdraws, and whichever CAS won, the
     * waiter's or a granter's, is the outcome. For the waiting thread, during {@link #await}.
     */
    @Override
    public boolean withdraw() {
        return withdrawal.withdraw(this);
    }

    /** Waits until decided, ignoring cancellation (a condition re-acquiring its lock). */
    void awaitUninterruptibly() {
        mayPark = true;
        Blocking.park(this, this, null, false); // null: no entry in a dump, as before
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

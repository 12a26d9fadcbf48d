package dev.weft.core;

import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * The one way a task, or a plain thread, waits in Weft: {@link #park} is the only park loop of
 * every blocking call in core, and, through {@link dev.weft.core.Parking}, of net's transports
 * (ADR 0016). The threads that are not tasks park on their own: the timer thread
 * ({@link Timers}), a confined loop's carrier ({@link ConfinedScheduler}) and the thread driving
 * a loop ({@code LoopImpl.drive}).
 *
 * <p>Every {@link #await} is a checkpoint, even when the condition already holds (Trio's rule: a
 * call either always checks for cancellation or never does). On a thread that is not a task, an
 * interrupt plays the part of cancellation.
 *
 * <p>What {@link #park} guarantees, for a {@link Wait} registered with its waker before the call:
 * <ul>
 * <li><b>Nothing is lost.</b> {@link Wait#done} is evaluated before the first park and after every
 *     wake-up, so a waker that makes it true and then unparks the thread, before or during the
 *     park, ends the wait; a spurious wake-up only evaluates it again.</li>
 * <li><b>Cancellation.</b> Before every park the wait looks for a cancellation: on a task, a
 *     cancelled region of its cancel tree ({@link Wait#cancelledAt}); on a plain thread, its
 *     interrupt. It then {@link Wait#withdraw withdraws}: if that wins, the call throws the
 *     cancellation (on a task, {@link TaskImpl#cancellationFor}, which leaves the thread
 *     interrupted; on a plain thread a {@link CancelledException}, the interrupt still set); if
 *     the waker decided first, the wait goes on, without cancellation, until {@code done}.</li>
 * <li><b>Interrupts.</b> A task's interrupts are only the wake-ups of its cancellation, which is
 *     read from the cancel tree: the wait clears an interrupt to park again and sets it again
 *     before it returns or throws, so a foreign interrupt is not lost. An uncancellable wait does
 *     the same on any thread.</li>
 * </ul>
 */
final class Blocking {
    private Blocking() {}

    /** One wait, as {@link #park} sees it. Its methods run on the waiting thread only. */
    interface Wait {
        /**
         * True once the wait is over. Evaluated before the first park and after every wake-up;
         * must not block. A waiter registers here if it must (a scope's joiner does).
         */
        boolean done();

        /**
         * The region of {@code task}'s cancel tree whose cancellation ends this wait, or null if
         * none is cancelled: by default the innermost cancelled one, as a checkpoint finds it.
         */
        default CancelNode cancelledAt(TaskImpl<?> task) {
            return CancelNode.firstCancelled(task.current);
        }

        /**
         * Takes the wait back from its waker after a cancellation. Returns false if the waker
         * decided it first: the wait then ends with that decision, as if not cancelled.
         */
        default boolean withdraw() {
            return true;
        }
    }

    /**
     * The one park loop: parks the current thread until {@code wait} is done, throwing its
     * cancellation if it is {@code cancellable} and its withdrawal wins (see the class notes for
     * the guarantees). {@code on} is what the thread parks on, and what {@code task} (the current
     * thread's task, or null on a plain thread) waits on for a dump ({@link TaskImpl#waitingOn}).
     */
    static void park(Wait wait, Object on, TaskImpl<?> task, boolean cancellable) {
        park(wait, on, on, task, cancellable);
    }

    /**
     * {@link #park(Wait, Object, TaskImpl, boolean)} parking on {@code blocker} and recording
     * {@code on}, which may be null: a dump then describes the wait from the blocker, as it does
     * for a park outside Weft.
     */
    private static void park(Wait wait, Object blocker, Object on, TaskImpl<?> task, boolean cancellable) {
        boolean interrupted = false; // an interrupt this call cleared: set again on the way out
        boolean recorded = task != null && on != null;
        if (recorded) {
            task.waitingOn = on; // one plain write; read only by a dump
        }
        try {
            while (!wait.done()) {
                if (cancellable) {
                    CancelNode at = task != null ? wait.cancelledAt(task) : null;
                    if (at != null || task == null && Thread.currentThread().isInterrupted()) {
                        if (wait.withdraw()) {
                            throw at != null ? task.cancellationFor(at) : interruptedWhileWaiting();
                        }
                        cancellable = false; // its waker decided it first: done is about to hold
                        continue;
                    }
                }
                LockSupport.park(blocker);
                // a plain thread's interrupt is its cancellation: a cancellable wait leaves it set
                if ((task != null || !cancellable) && Thread.interrupted()) {
                    interrupted = true;
                }
            }
        } finally {
            if (recorded) {
                task.waitingOn = null;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A plain thread's cancellation: its interrupt, which stays set. */
    private static CancelledException interruptedWhileWaiting() {
        return new CancelledException("thread '" + Context.threadName() + "' was interrupted while waiting");
    }

    /**
     * The entry point of {@link dev.weft.core.Parking#parkUntil}, for net's transports: a
     * cancellable {@link #park} of the current task, or plain thread, on {@code blocker}, which
     * a dump reads as it reads any park's blocker (net's NIO interest describes its socket).
     */
    static void parkUntil(BooleanSupplier done, Object blocker, BooleanSupplier withdraw) {
        park(new Wait() {
            @Override
            public boolean done() {
                return done.getAsBoolean();
            }

            @Override
            public boolean withdraw() {
                return withdraw.getAsBoolean();
            }
        }, blocker, null, Context.currentTaskOrNull(), true);
    }

    /**
     * Waits until {@code ready} holds or {@code deadline} (loop clock; {@code Long.MAX_VALUE} for
     * none) passes. Returns false on timeout.
     */
    static boolean await(BooleanSupplier ready, LoopImpl loop, long deadline) {
        return await(ready, ready, Context.currentTaskOrNull(), loop, deadline);
    }

    /**
     * {@link #await(BooleanSupplier, LoopImpl, long)}, recording {@code on} (the task, future,
     * scope or job waited for; {@link #SLEEP} for a sleep) as what the task waits on while it is
     * parked, for {@link TaskDump}.
     */
    static boolean await(BooleanSupplier ready, Object on, LoopImpl loop, long deadline) {
        return await(ready, on, Context.currentTaskOrNull(), loop, deadline);
    }

    /** {@link #await(BooleanSupplier, LoopImpl, long)} for a caller that knows its task (or null). */
    static boolean await(BooleanSupplier ready, TaskImpl<?> task, LoopImpl loop, long deadline) {
        return await(ready, ready, task, loop, deadline);
    }

    /** What a sleeping task waits on: recorded as its wake-up timer, which knows the due time. */
    static final Object SLEEP = new Object() {
        @Override
        public String toString() {
            return "sleep";
        }
    };

    /** The full form: {@code on} is what the task waits on (see {@link TaskImpl#waitingOn}). */
    static boolean await(BooleanSupplier ready, Object on, TaskImpl<?> task, LoopImpl loop, long deadline) {
        checkpoint(task);
        if (ready.getAsBoolean()) {
            return true;
        }
        if (deadline == Long.MAX_VALUE) {
            park(ready::getAsBoolean, on, task, true);
            return true;
        }
        if (loop.time() >= deadline) {
            return false;
        }
        WakeTimer timer = new WakeTimer(deadline, Thread.currentThread(), ready);
        loop.timers().schedule(timer);
        try {
            park(timer, on == SLEEP ? timer : on, task, true);
            return timer.ready;
        } finally {
            timer.cancel();
        }
    }

    /**
     * Waits until {@code ready} holds, throwing no cancellation; an interrupt meanwhile is set
     * again on return. For a wait that must not be cancelled (a task's cancellation, which
     * interrupts it, is read from its cancel tree by whoever needs it afterwards).
     */
    static void awaitUninterruptibly(BooleanSupplier ready) {
        park(ready::getAsBoolean, ready, Context.currentTaskOrNull(), false);
    }

    static void checkpoint(TaskImpl<?> task) {
        if (task != null) {
            task.checkpoint();
        }
    }

    /**
     * Unparks a thread when due; also the {@link Wait} of a timed {@link #await}: done once
     * {@code ready} holds (then {@link #ready} is set) or the timer fired.
     */
    static final class WakeTimer extends TimerEntry implements Wait {
        private final Thread thread;
        private final BooleanSupplier until;
        volatile boolean fired;
        /** Whether the wait ended with its condition holding; read by the waiting thread. */
        boolean ready;

        WakeTimer(long when, Thread thread, BooleanSupplier until) {
            super(when);
            this.thread = thread;
            this.until = until;
        }

        @Override
        public boolean done() {
            // the condition first: a wait whose condition holds as its timer fires did not time out
            return (ready = until.getAsBoolean()) || fired;
        }

        @Override
        void fire() {
            fired = true;
            LockSupport.unpark(thread);
        }
    }
}

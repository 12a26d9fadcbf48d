package dev.weft.core;

import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * The one way Weft's blocking calls wait: park the current thread until a condition holds, a
 * timer on the loop clock fires, or the task is cancelled. Whoever makes the condition true must
 * unpark the waiting thread; spurious wake-ups are harmless.
 *
 * <p>Every wait is a checkpoint, even when the condition already holds (Trio's rule: a call
 * either always checks for cancellation or never does). On a thread that is not a task, an
 * interrupt plays the part of cancellation.
 */
final class Blocking {
    private Blocking() {}

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
        WakeTimer timer = null;
        if (deadline != Long.MAX_VALUE) {
            if (loop.time() >= deadline) {
                return false;
            }
            timer = new WakeTimer(deadline, Thread.currentThread());
            loop.timers().schedule(timer);
        }
        boolean foreignInterrupt = false;
        if (task != null) {
            task.waitingOn = on == SLEEP && timer != null ? timer : on; // one plain write; read only by a dump
        }
        try {
            while (true) {
                boolean interrupted = Thread.interrupted();
                if (interrupted) {
                    if (task == null) {
                        Thread.currentThread().interrupt();
                        throw new CancelledException("thread '" + Context.threadName() + "' was interrupted while waiting");
                    }
                    foreignInterrupt = true;
                }
                checkpoint(task);
                LockSupport.park(ready);
                // ready is checked after every wake-up: an unpark between the last check and
                // park() leaves a permit, so park() returns at once and nothing is missed
                if (ready.getAsBoolean()) {
                    return true;
                }
                if (timer != null && timer.fired) {
                    return false;
                }
            }
        } finally {
            if (task != null) {
                task.waitingOn = null;
            }
            if (timer != null) {
                timer.cancel();
            }
            if (foreignInterrupt) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until {@code ready} holds, throwing no cancellation: for a wait that must not be
     * cancelled, and for a {@link Waiter}, whose {@code ready} itself decides a cancellation.
     * With {@code clearInterrupts}, an interrupt that wakes the thread is cleared so that it can
     * park again, and set again on return (a task's cancellation, which interrupts it, is seen
     * through its cancel tree, set before the interrupt). Without, an interrupt stays set, and
     * {@code ready} must then hold (a plain thread, whose interrupt is its cancellation).
     */
    static void awaitUninterruptibly(BooleanSupplier ready) {
        awaitUninterruptibly(ready, true);
    }

    /** {@link #awaitUninterruptibly(BooleanSupplier)}, leaving interrupts set if not {@code clearInterrupts}. */
    static void awaitUninterruptibly(BooleanSupplier ready, boolean clearInterrupts) {
        boolean interrupted = false;
        while (!ready.getAsBoolean()) {
            LockSupport.park(ready);
            if (clearInterrupts && Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static void checkpoint(TaskImpl<?> task) {
        if (task != null) {
            task.checkpoint();
        }
    }

    /** Unparks a thread when due. */
    static final class WakeTimer extends TimerEntry {
        private final Thread thread;
        volatile boolean fired;

        WakeTimer(long when, Thread thread) {
            super(when);
            this.thread = thread;
        }

        @Override
        void fire() {
            fired = true;
            LockSupport.unpark(thread);
        }
    }
}

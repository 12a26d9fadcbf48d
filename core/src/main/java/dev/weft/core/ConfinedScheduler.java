package dev.weft.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The scheduler of a confined loop: one carrier thread runs every step of every task of the loop
 * (and the loop's callbacks), one at a time, so a task switches only where it blocks.
 *
 * <h2>Implementation notes</h2>
 * <p>The JDK hands a virtual thread's continuation to {@link #execute} whenever the thread
 * becomes runnable (started, unparked, or after {@code Thread.yield()}). Any thread may call it:
 * it adds to the lock-free {@code incoming} queue and unparks the carrier if it is parked
 * ({@code parked} and {@code incoming} are published in opposite orders by the two sides, so a
 * wake-up is never missed). Only the carrier touches {@code ready}.
 * <p>Order: FIFO by default; with a seed, each step is picked at random among the ready ones
 * with a {@link Random} seeded once, so an interleaving can be replayed. Loop callbacks arrive
 * through {@link #executeInOrder} and wait in their own FIFO ({@code callbacks}); the random pick
 * treats that queue's head as one more candidate, so a seed moves callbacks relative to task
 * steps but never reorders two callbacks (the loop's FIFO promise).
 * <p>Idle: when nothing is ready, the carrier first wakes tasks waiting for "all blocked"; then,
 * with virtual time and autojump, and only while a thread runs the loop ({@code beingRun}; the
 * loop pokes the carrier when a run starts), moves the clock to the next timer and fires it, unless work
 * outside the carrier is in flight ({@code externalWork}: threads of {@code toThread}, and loop
 * callbacks not yet run), which may still make a task runnable.
 * <p>Slow steps: {@code stepStart}/{@code stepSeq} are written by the carrier around each step
 * and read by the watchdog thread, which logs a step that holds the carrier longer than the
 * threshold once, with the task's name and stack.
 */
final class ConfinedScheduler implements Executor {
    private final String name;
    private final ConcurrentLinkedQueue<Runnable> incoming = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Runnable> fifo = new ArrayDeque<>();
    private final ArrayList<Runnable> shuffled = new ArrayList<>();
    /** Seeded order only: callbacks, kept in FIFO order among themselves. Carrier only. */
    private final ArrayDeque<Runnable> callbacks = new ArrayDeque<>();
    private final Random random;
    private final Thread carrier;
    private volatile boolean parked;
    private volatile boolean shutdown;

    /** Virtual time, or null when the loop runs on real time. */
    private final VirtualClock virtualClock;
    private volatile Timers timers;
    private final boolean autojump;
    final AtomicInteger externalWork = new AtomicInteger();
    private final ConcurrentLinkedQueue<Thread> idleWaiters = new ConcurrentLinkedQueue<>();
    private volatile java.util.function.BooleanSupplier callbacksPending = () -> false;
    /** True while a thread runs the loop: only then may autojump move the clock. */
    private volatile java.util.function.BooleanSupplier beingRun = () -> false;

    /** Continuation runnables of the loop's tasks, for naming a slow step. */
    private final Map<Runnable, TaskImpl<?>> stepsOfTasks = new ConcurrentHashMap<>();
    private final long slowStepNanos;
    private volatile long stepStart;
    private volatile long stepSeq;
    private volatile Runnable currentStep;

    ConfinedScheduler(String name, Long seed, VirtualClock virtualClock, boolean autojump, Duration slowStep) {
        this.name = name;
        this.random = seed == null ? null : new Random(seed);
        this.virtualClock = virtualClock;
        this.autojump = autojump;
        this.slowStepNanos = slowStep == null ? 0 : slowStep.toNanos();
        this.carrier = Thread.ofPlatform().daemon().name(name + "-carrier").unstarted(this::runCarrier);
        carrier.start();
        if (slowStepNanos > 0) {
            Thread.ofPlatform().daemon().name(name + "-watchdog").start(this::watch);
        }
    }

    void attach(Timers loopTimers, java.util.function.BooleanSupplier pendingCallbacks,
            java.util.function.BooleanSupplier loopBeingRun) {
        this.timers = loopTimers;
        this.callbacksPending = pendingCallbacks;
        this.beingRun = loopBeingRun;
    }

    Thread carrierThread() {
        return carrier;
    }

    /**
     * Carriers for continuations that arrive after the loop closed. A virtual thread started from
     * a task of a confined loop inherits the loop's scheduler (the JDK's rule); it may outlive the
     * loop (a thread the user started, or one the JDK started lazily, such as an I/O poller).
     * Rejecting it would kill that thread, so it runs on, unconfined, on these daemon carriers.
     */
    private static final class Orphans {
        static final Executor CARRIERS = java.util.concurrent.Executors.newCachedThreadPool(
                Thread.ofPlatform().daemon().name("weft-orphan-carrier-", 1).factory());
    }

    @Override
    public void execute(Runnable step) {
        if (shutdown) {
            Orphans.CARRIERS.execute(step);
            return;
        }
        incoming.add(step);
        if (parked) {
            LockSupport.unpark(carrier);
        }
    }

    /** A loop callback: runs on the carrier after every callback handed here before it. */
    void executeInOrder(Runnable callback) {
        execute(random == null ? callback : new InOrder(callback));
    }

    /** Marks a callback in {@code incoming} so that a seeded pick keeps callbacks in FIFO order. */
    private record InOrder(Runnable callback) implements Runnable {
        @Override
        public void run() {
            callback.run();
        }
    }

    /** Wakes the carrier so it looks at timers and idleness again. */
    void poke() {
        if (parked) {
            LockSupport.unpark(carrier);
        }
    }

    /**
     * Wakes the carrier even if it is about to park (the permit makes that park return), so it
     * looks at autojump again: called when a thread starts running the loop.
     */
    void loopRunStarted() {
        LockSupport.unpark(carrier);
    }

    /** Remembers which task a continuation belongs to, for slow-step reports (only when on). */
    void registerTask(TaskImpl<?> task) {
        if (slowStepNanos > 0) {
            Runnable step = VirtualThreads.continuationOf(task.thread);
            if (step != null) {
                stepsOfTasks.put(step, task);
            }
        }
    }

    void unregisterTask(TaskImpl<?> task) {
        if (slowStepNanos > 0) {
            Runnable step = VirtualThreads.continuationOf(task.thread);
            if (step != null) {
                stepsOfTasks.remove(step);
            }
        }
    }

    void shutdown() {
        shutdown = true;
        LockSupport.unpark(carrier);
    }

    private Runnable next() {
        for (Runnable r; (r = incoming.poll()) != null; ) {
            if (random == null) {
                fifo.add(r);
            } else if (r instanceof InOrder) {
                callbacks.add(r);
            } else {
                shuffled.add(r);
            }
        }
        if (random == null) {
            return fifo.poll();
        }
        int n = shuffled.size();
        int candidates = callbacks.isEmpty() ? n : n + 1;
        if (candidates == 0) {
            return null;
        }
        int i = random.nextInt(candidates);
        if (i == n) {
            return callbacks.poll();
        }
        Runnable picked = shuffled.get(i);
        shuffled.set(i, shuffled.get(n - 1));
        shuffled.remove(n - 1);
        return picked;
    }

    private void runCarrier() {
        while (true) {
            Runnable step = next();
            if (step != null) {
                runStep(step);
                continue;
            }
            if (wakeIdleWaiters()) {
                continue;
            }
            if (virtualClock != null && autojump && jumpToNextTimer()) {
                continue;
            }
            if (shutdown) {
                return;
            }
            parked = true;
            if (incoming.isEmpty() && !shutdown) {
                LockSupport.park(this);
            }
            parked = false;
        }
    }

    private void runStep(Runnable step) {
        currentStep = step;
        stepStart = System.nanoTime();
        stepSeq++;
        try {
            step.run();
        } catch (Throwable t) {
            FailureLog.error("a step of confined loop {} failed", name, t);
        } finally {
            currentStep = null;
        }
    }

    private boolean idleNow() {
        return incoming.isEmpty() && externalWork.get() == 0 && !callbacksPending.getAsBoolean();
    }

    private boolean wakeIdleWaiters() {
        if (idleWaiters.isEmpty() || !idleNow()) {
            return false;
        }
        for (Thread t; (t = idleWaiters.poll()) != null; ) {
            LockSupport.unpark(t);
        }
        return true;
    }

    private boolean jumpToNextTimer() {
        Timers t = timers;
        if (t == null || !beingRun.getAsBoolean() || !idleNow()) {
            return false;
        }
        long due = t.nextDue();
        if (due == Long.MAX_VALUE) {
            return false;
        }
        virtualClock.advanceTo(due);
        t.fireDue(virtualClock.nanoTime());
        return true;
    }

    /** Fires virtual timers that are due after the clock moved (explicit advance). Carrier only. */
    void fireDueTimers() {
        Timers t = timers;
        if (t != null) {
            t.fireDue(virtualClock.nanoTime());
        }
    }

    /** Parks the calling task until the carrier has nothing else to run. */
    void awaitAllBlocked(TaskImpl<?> caller) {
        Thread me = Thread.currentThread();
        idleWaiters.add(me);
        try {
            Blocking.await(() -> !idleWaiters.contains(me), caller.loop, Long.MAX_VALUE);
        } finally {
            idleWaiters.remove(me);
        }
    }

    private void watch() {
        long reportedSeq = -1;
        while (!shutdown) {
            LockSupport.parkNanos(this, Math.max(slowStepNanos / 2, 1_000_000));
            Runnable step = currentStep;
            long seq = stepSeq;
            if (step == null || seq == reportedSeq) {
                continue;
            }
            long held = System.nanoTime() - stepStart;
            if (held > slowStepNanos && currentStep == step && stepSeq == seq) {
                reportedSeq = seq;
                TaskImpl<?> task = stepsOfTasks.get(step);
                Throwable where = new Throwable("stack of the step that holds the loop");
                String what;
                if (task != null) {
                    where.setStackTrace(task.thread.getStackTrace());
                    what = task.describe();
                } else {
                    where.setStackTrace(carrier.getStackTrace());
                    what = "a callback";
                }
                WeftEvents.slowStep(name, what, held, slowStepNanos, where.getStackTrace());
                FailureLog.warn("{} has held confined loop {} for {} ms without blocking (threshold {} ms): "
                        + "no other task can run meanwhile; move blocking or CPU-heavy work to Weft.toThread",
                        what, name, held / 1_000_000, slowStepNanos / 1_000_000, where);
            }
        }
    }
}

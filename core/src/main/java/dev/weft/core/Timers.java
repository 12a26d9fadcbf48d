package dev.weft.core;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A loop's timer service: one thread owns a binary heap of {@link TimerEntry}s ordered by
 * (when, seq) and fires them when due.
 *
 * <h2>Implementation notes</h2>
 * Any thread schedules by adding to a lock-free inbox and, if the new entry is due before the
 * time the timer thread plans to wake ({@code plannedWake}), unparking it. The timer thread
 * publishes {@code plannedWake} and then checks the inbox before parking; a scheduler adds to the
 * inbox and then reads {@code plannedWake}. Both sides are volatile, so at least one of them sees
 * the other: no entry is left unnoticed. Cancellation is a flag; cancelled entries are dropped
 * when they reach the top of the heap, or when the heap has doubled since the last purge, or,
 * for entries still in the inbox, at the next drain. While any timer exists the thread wakes
 * at least every {@link #TICK_NANOS}, so a storm of far-future deadlines that are cancelled
 * at once (the common case) never piles up. The thread starts on the first schedule and ends
 * when the loop closes.
 * <p>Virtual time: with a {@code driver}, there is no timer thread. The confined scheduler calls
 * {@link #nextDue()} and {@link #fireDue(long)} from its carrier thread when every task is
 * blocked, and {@link #schedule} only pokes it.
 */
final class Timers {
    /**
     * The longest the timer thread sleeps while any timer exists: it drains the inbox (dropping
     * entries cancelled meanwhile, which is most deadlines) at least this often, so that a storm
     * of cancelled far-future deadlines cannot pile up.
     */
    static final long TICK_NANOS = 50_000_000L;

    private final LoopClock clock;
    private final String name;
    private final ConcurrentLinkedQueue<TimerEntry> inbox = new ConcurrentLinkedQueue<>();
    /** Owned by the timer thread, or by the driving carrier thread with virtual time. */
    private final PriorityQueue<TimerEntry> heap = new PriorityQueue<>(TimerEntry::compare);
    private volatile long plannedWake = Long.MIN_VALUE;
    /** Heap size after the last purge of cancelled entries; timer thread only. */
    private int sizeAfterPurge = 1024;
    private volatile boolean shutdown;
    private volatile Thread thread;
    /** For virtual time: the scheduler whose carrier fires the timers; null for a timer thread. */
    private final ConfinedScheduler driver;

    Timers(LoopClock clock, String name, ConfinedScheduler driver) {
        this.clock = clock;
        this.name = name;
        this.driver = driver;
    }

    void schedule(TimerEntry entry) {
        if (shutdown) {
            throw new IllegalStateException("the loop is closed: its timers no longer run; open a new loop");
        }
        inbox.add(entry);
        if (driver != null) {
            driver.poke();
            return;
        }
        Thread t = thread;
        if (t == null) {
            t = start();
        }
        if (entry.when < plannedWake) {
            LockSupport.unpark(t);
        }
    }

    private synchronized Thread start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name(name + "-timers").start(this::run);
        }
        return thread;
    }

    void shutdown() {
        shutdown = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            boolean interrupted = false;
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Driven mode, carrier thread: the due time of the next live timer, or Long.MAX_VALUE. */
    long nextDue() {
        drainInbox();
        TimerEntry top;
        while ((top = heap.peek()) != null && top.isCancelled()) {
            heap.poll();
        }
        return top == null ? Long.MAX_VALUE : top.when;
    }

    /** Driven mode, carrier thread: fires every live timer due at or before {@code now}. */
    void fireDue(long now) {
        drainInbox();
        fire(now);
    }

    private void drainInbox() {
        for (TimerEntry e; (e = inbox.poll()) != null; ) {
            if (!e.isCancelled()) {
                heap.add(e);
            }
        }
        if (heap.size() > 2 * sizeAfterPurge) {
            heap.removeIf(TimerEntry::isCancelled); // amortised O(1) per entry
            sizeAfterPurge = Math.max(1024, heap.size());
        }
    }

    /** Pops and fires the entries due at {@code now}; returns the top left, if any. */
    private TimerEntry fire(long now) {
        TimerEntry top;
        while ((top = heap.peek()) != null && (top.isCancelled() || top.when <= now)) {
            heap.poll();
            if (!top.isCancelled()) {
                try {
                    top.fire();
                } catch (Throwable t) {
                    FailureLog.error("timer callback failed", t);
                }
            }
        }
        return top;
    }

    private void run() {
        while (!shutdown) {
            drainInbox();
            long now = clock.nanoTime();
            TimerEntry top = fire(now);
            long next = top == null ? Long.MAX_VALUE : top.when;
            plannedWake = next == Long.MAX_VALUE ? Long.MAX_VALUE : Math.min(next, now + TICK_NANOS);
            if (!inbox.isEmpty() || shutdown) {
                continue;
            }
            if (next == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, Math.min(next - now, TICK_NANOS));
            }
            plannedWake = Long.MIN_VALUE;
        }
    }
}

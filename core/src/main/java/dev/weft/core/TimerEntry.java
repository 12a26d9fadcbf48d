package dev.weft.core;

/**
 * Something due at a point of the loop clock. Cancelling only marks the entry; the timer thread
 * drops it when it comes up (lazy deletion keeps schedule and cancel O(1) for the caller).
 */
abstract class TimerEntry {
    /** Due time on the loop clock. Written before scheduling, read by the timer thread. */
    final long when;
    /** Tie-breaker for equal times: the order callbacks were scheduled in. */
    long seq;
    private volatile boolean cancelled;

    TimerEntry(long when) {
        this.when = when;
    }

    /** Marks the entry so it never fires. Returns false if it was already cancelled. */
    boolean cancel() {
        if (cancelled) {
            return false;
        }
        cancelled = true;
        return true;
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** Called on the timer thread when due and not cancelled. Must not block. */
    abstract void fire();

    static int compare(TimerEntry a, TimerEntry b) {
        int c = Long.compare(a.when, b.when);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    }
}

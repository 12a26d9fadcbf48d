package dev.weft.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scheduled callback. States: PENDING until it is run or cancelled; RAN once the loop took
 * it to run; CANCELLED if {@link #cancel()} won. The transition is a CAS, so a callback runs at
 * most once and never after a successful cancel.
 */
final class CallbackHandle extends TimerEntry implements Handle {
    private static final int PENDING = 0;
    private static final int RAN = 1;
    private static final int CANCELLED = 2;

    private final LoopImpl loop;
    private final Runnable callback;
    private final AtomicInteger state = new AtomicInteger(PENDING);

    CallbackHandle(LoopImpl loop, long when, Runnable callback) {
        super(when);
        this.loop = loop;
        this.callback = callback;
    }

    /** Due: hand it to the loop's ready queue. */
    @Override
    void fire() {
        loop.enqueueReady(this);
    }

    /** Runs the callback on the loop thread unless it was cancelled. */
    void runNow() {
        if (!state.compareAndSet(PENDING, RAN)) {
            return;
        }
        try {
            callback.run();
        } catch (Throwable t) {
            loop.callExceptionHandler(ExceptionContext.ofCallback("Exception in callback " + callback, t, callback));
        }
    }

    Runnable callback() {
        return callback;
    }

    @Override
    public boolean cancel() {
        boolean won = state.compareAndSet(PENDING, CANCELLED);
        if (won) {
            super.cancel();
        }
        return won;
    }

    @Override
    public boolean isCancelled() {
        return state.get() == CANCELLED;
    }

    @Override
    public long when() {
        return when;
    }

    @Override
    public String toString() {
        return "Handle[" + callback + ", when=" + when + ", " + new String[] {"pending", "ran", "cancelled"}[state.get()] + "]";
    }
}

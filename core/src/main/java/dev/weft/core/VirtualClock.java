package dev.weft.core;

import java.util.concurrent.atomic.AtomicLong;

/** A loop clock that moves only when told: by autojump, or by an explicit advance. */
final class VirtualClock implements LoopClock {
    private final AtomicLong now = new AtomicLong();

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** Moves the clock to {@code when} if that is later; it never goes back. */
    void advanceTo(long when) {
        now.accumulateAndGet(when, Math::max);
    }
}

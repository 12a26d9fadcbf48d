package dev.weft.core;

/** The clock of a loop; every timer and deadline of the loop reads it. */
interface LoopClock {
    /** Monotonic nanoseconds. */
    long nanoTime();

    /** The real monotonic clock. */
    LoopClock SYSTEM = System::nanoTime;
}

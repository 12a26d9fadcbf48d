package dev.weft.core;

/** When {@link Weft#wait(java.util.Collection, ReturnWhen, java.time.Duration)} returns. */
public enum ReturnWhen {
    /** As soon as any task is done. */
    FIRST_COMPLETED,
    /** As soon as any task fails (not on cancellation), or when all are done. */
    FIRST_EXCEPTION,
    /** When every task is done. */
    ALL_COMPLETED
}

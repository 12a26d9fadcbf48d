package dev.weft.core;

import java.time.Duration;
import java.util.Objects;

/** Argument checks whose messages say what was wrong and how to fix it. */
final class Checks {
    private Checks() {}

    static long nonNegativeNanos(Duration d, String call) {
        return nonNegativeNanos(d, call, "");
    }

    /** As above; {@code withoutOne} says how to wait without a timeout, for the null message. */
    static long nonNegativeNanos(Duration d, String call, String withoutOne) {
        Objects.requireNonNull(d, () -> call + ": the duration is null; pass a Duration (Duration.ZERO means at "
                + "once, not never)" + withoutOne);
        if (d.isNegative()) {
            throw new IllegalArgumentException(call + ": the duration is negative (" + d
                    + "); pass Duration.ZERO or more");
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new NullPointerException(what + " is null");
        }
        return value;
    }
}

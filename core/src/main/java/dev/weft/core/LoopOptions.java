package dev.weft.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How a loop shares the processor among its tasks. Immutable; the {@code with} methods return a
 * new instance.
 *
 * <pre>{@code
 * Weft.run(LoopOptions.confined(), () -> { ... });                 // asyncio's one-at-a-time
 * Loop loop = Loop.open(LoopOptions.confined().withSeed(42));      // replayable interleavings
 * }</pre>
 *
 * <ul>
 * <li>{@link #parallel()} (the default of {@link Weft#run(Body)}, see {@link #defaults()}): tasks are ordinary virtual
 *     threads and run on all carrier threads at once. Shared state needs the usual Java
 *     synchronisation or Weft's sync primitives.</li>
 * <li>{@link #confined()}: the loop's tasks and callbacks run one at a time on one carrier thread
 *     and switch only where a task blocks (a Weft call, or a JDK call that parks a virtual thread:
 *     socket IO, {@code Thread.sleep}, {@code java.util.concurrent} locks and queues). Code
 *     between two blocking calls never interleaves with another task of the loop, as in asyncio.
 *     Needs the JVM flag {@code --add-opens java.base/java.lang=ALL-UNNAMED} (or
 *     {@code =dev.weft.core} on the module path); without it, opening the loop throws
 *     {@link UnsupportedOperationException} naming the flag. On JDK 21 to 23, a task that blocks
 *     inside {@code synchronized} or {@code Object.wait} pins the carrier and so stalls the whole
 *     loop; the slow-step warning reports it. A virtual thread that a task of a confined loop
 *     starts itself ({@code Thread.ofVirtual()}) inherits the loop's carrier, as the JDK passes a
 *     scheduler on to child virtual threads; if it outlives the loop it goes on running,
 *     unconfined, on a daemon carrier. See {@code docs/adr/0005}.</li>
 * </ul>
 */
public final class LoopOptions {
    /** The default slow-step threshold of a confined loop, as asyncio's debug mode. */
    public static final Duration DEFAULT_SLOW_STEP = Duration.ofMillis(100);

    /**
     * The default number of threads of a loop's {@code toThread} pool: {@code min(32, processors + 4)},
     * asyncio's default executor size (6 on a 2-core machine).
     */
    public static int defaultToThreadPoolSize() {
        return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    }

    private final boolean confined;
    private final Long seed;
    private final Duration slowStep;
    private final int toThreadPoolSize;

    private LoopOptions(boolean confined, Long seed, Duration slowStep, int toThreadPoolSize) {
        this.confined = confined;
        this.seed = seed;
        this.slowStep = slowStep;
        this.toThreadPoolSize = toThreadPoolSize;
    }

    /** The system property that chooses the default loop kind: {@code parallel} or {@code confined}. */
    public static final String DEFAULT_PROPERTY = "weft.loop";

    /**
     * The options {@link Weft#run(Body)} and {@link Loop#open()} use: parallel, unless the system
     * property {@value #DEFAULT_PROPERTY} says {@code confined} (so a whole program, or a test
     * suite, can switch models without code changes).
     *
     * @throws IllegalArgumentException if the property has another value
     */
    public static LoopOptions defaults() {
        String kind = System.getProperty(DEFAULT_PROPERTY, "parallel").trim();
        return switch (kind) {
            case "parallel", "" -> parallel();
            case "confined" -> confined();
            default -> throw new IllegalArgumentException("system property " + DEFAULT_PROPERTY + " is '" + kind
                    + "': set it to 'parallel' or 'confined', or leave it unset for parallel");
        };
    }

    /** Tasks run in parallel on all carrier threads. */
    public static LoopOptions parallel() {
        return new LoopOptions(false, null, Duration.ZERO, defaultToThreadPoolSize());
    }

    /** Tasks run one at a time and switch only where they block. */
    public static LoopOptions confined() {
        return new LoopOptions(true, null, DEFAULT_SLOW_STEP, defaultToThreadPoolSize());
    }

    /**
     * Picks among ready tasks in a random order seeded with {@code seed}, so that an interleaving
     * found once can be replayed. Confined loops only. Only task steps are shuffled: loop
     * callbacks still run in order of due time and, for equal times, in the order they were
     * scheduled (they may interleave with task steps at random).
     *
     * @throws IllegalStateException on parallel options
     */
    public LoopOptions withSeed(long seed) {
        if (!confined) {
            throw new IllegalStateException("a seed orders the tasks of a confined loop; a parallel loop "
                    + "has no order to seed: use LoopOptions.confined().withSeed(" + seed + ")");
        }
        return new LoopOptions(true, seed, slowStep, toThreadPoolSize);
    }

    /**
     * Logs a warning, with the task's name and stack, when one task holds a confined loop longer
     * than {@code threshold} without blocking. {@code Duration.ZERO} turns the check off.
     *
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException on parallel options
     */
    public LoopOptions withSlowStepThreshold(Duration threshold) {
        Objects.requireNonNull(threshold, "the slow-step threshold is null; pass Duration.ZERO to turn the check off");
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("the slow-step threshold is negative (" + threshold
                    + "); pass a positive duration, or Duration.ZERO to turn the check off");
        }
        if (!confined) {
            throw new IllegalStateException("slow steps are measured on confined loops only: tasks of a "
                    + "parallel loop do not hold each other up; use LoopOptions.confined()");
        }
        return new LoopOptions(true, seed, threshold, toThreadPoolSize);
    }

    /**
     * Sets how many {@link Weft#toThread(Body)} bodies of the loop run at once: the size of the
     * loop's pool of platform threads (threads are started on demand and end after 30 s idle).
     * Calls beyond that wait, in FIFO order, for a thread to come free; a waiting call is still
     * a cancellation point. For blocking calls that may pile up (many slow clients), size the
     * pool for them, or pass an executor to {@link Weft#toThread(java.util.concurrent.Executor, Body)}.
     *
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public LoopOptions withToThreadPoolSize(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the toThread pool size is " + threads + "; pass at least 1 "
                    + "(the default is min(32, processors + 4) = " + defaultToThreadPoolSize() + ")");
        }
        return new LoopOptions(confined, seed, slowStep, threads);
    }

    /** How many {@code toThread} bodies run at once on the loop's own pool. */
    public int toThreadPoolSize() {
        return toThreadPoolSize;
    }

    /** True for confined options. */
    public boolean isConfined() {
        return confined;
    }

    /** The seed, or null if tasks run in FIFO order. */
    public Long seed() {
        return seed;
    }

    /** The slow-step threshold; zero when off. */
    public Duration slowStepThreshold() {
        return slowStep;
    }

    @Override
    public String toString() {
        return (confined ? "LoopOptions.confined()" + (seed != null ? ".withSeed(" + seed + ")" : "")
                + ".withSlowStepThreshold(" + slowStep + ")" : "LoopOptions.parallel()")
                + ".withToThreadPoolSize(" + toThreadPoolSize + ")";
    }
}

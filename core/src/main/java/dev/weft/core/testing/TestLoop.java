package dev.weft.core.testing;

import dev.weft.core.Action;
import dev.weft.core.Body;
import dev.weft.core.Loop;
import dev.weft.core.internal.TestingBridge;
import java.time.Duration;
import java.util.Objects;

/**
 * A confined loop on virtual time, for deterministic tests of time-dependent code (Trio's
 * {@code MockClock}, kotlinx's {@code runTest}). Its clock starts at 0 and moves only when every
 * task is blocked while a thread runs the loop ({@link #run}, {@code runForever}, {@link #close};
 * autojump: straight to the next timer), or when a task calls {@link #advance(Duration)}. Tasks
 * spawned from the test thread before {@code run} start at once, but the clock waits for the run. Sleeps, deadlines, {@code callLater}/{@code callAt}, and timed waits
 * of Weft's sync primitives all use it, so a test of a one-hour timeout takes milliseconds.
 *
 * <pre>{@code
 * try (TestLoop test = TestLoop.open()) {
 *     test.run(() -> {
 *         assertThrows(DeadlineExceededException.class,
 *                 () -> Weft.failAfter(Duration.ofHours(1), () -> Weft.sleep(Duration.ofDays(1))));
 *         assertEquals(Duration.ofHours(1).toNanos(), test.now());
 *     });
 * }
 * }</pre>
 *
 * <h2>What counts as blocked</h2>
 * A task parked by Weft or by the JDK (a virtual thread waiting for anything) is blocked. Work
 * that Weft knows is in flight outside the loop ({@code Weft.toThread}, loop callbacks not yet
 * run) holds the clock. A task waiting for a real socket counts as blocked, so time may jump
 * meanwhile (as with Trio's autojump): a test that waits for real IO uses {@link #openManual()}
 * and moves the clock itself, or {@code Net.pipe()} instead of a socket. JDK timed waits
 * ({@code Thread.sleep}) use real time.
 *
 * <h2>Thread-safety</h2>
 * {@link #advance(Duration)} and {@link #awaitAllBlocked()} are called from tasks of this loop;
 * the rest from any thread. The loop is confined, so it needs the JVM flag named in
 * {@link dev.weft.core.LoopOptions}.
 */
public final class TestLoop implements AutoCloseable {
    @SuppressWarnings("unchecked") // the engine registers VirtualLoops<Loop>
    private static final TestingBridge.VirtualLoops<Loop> LOOPS =
            (TestingBridge.VirtualLoops<Loop>) TestingBridge.virtualLoops();

    private final Loop loop;

    private TestLoop(Loop loop) {
        this.loop = loop;
    }

    /** A virtual-time loop with autojump, tasks in FIFO order. */
    public static TestLoop open() {
        return new TestLoop(LOOPS.open(null, true));
    }

    /** A virtual-time loop with autojump whose ready tasks run in an order seeded by {@code seed}. */
    public static TestLoop openWithSeed(long seed) {
        return new TestLoop(LOOPS.open(seed, true));
    }

    /** A virtual-time loop whose clock moves only through {@link #advance(Duration)}. */
    public static TestLoop openManual() {
        return new TestLoop(LOOPS.open(null, false));
    }

    /** The loop, for {@code spawn}, {@code callLater} and the rest. */
    public Loop loop() {
        return loop;
    }

    /** Runs {@code main} as a task of this loop until it completes (see {@link Loop#runUntilComplete}). */
    public <T, X extends Exception> T run(Body<T, X> main) throws X {
        return loop.runUntilComplete(main);
    }

    /** {@link #run(Body)} for an action. */
    public <X extends Exception> void run(Action<X> main) throws X {
        loop.runUntilComplete(main);
    }

    /** Virtual nanoseconds since the loop opened. */
    public long now() {
        return LOOPS.now(loop);
    }

    /**
     * Moves the clock forward by {@code delta}, fires every timer that fell due, and returns once
     * every other task is blocked again. Call it from a task of this loop.
     */
    public void advance(Duration delta) {
        Objects.requireNonNull(delta, "advance: the duration is null");
        if (delta.isNegative()) {
            throw new IllegalArgumentException("advance: the duration is negative (" + delta + "); time only moves forward");
        }
        LOOPS.advance(loop, delta.toNanos());
    }

    /** Returns once every other task of the loop is blocked and no callback is pending. */
    public void awaitAllBlocked() {
        LOOPS.awaitAllBlocked(loop);
    }

    @Override
    public void close() {
        loop.close();
    }
}

package dev.weft.bench;

import dev.weft.core.Loop;
import dev.weft.core.LoopOptions;
import dev.weft.core.Weft;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * timer_storm, its per-deadline part: open a deadline block that finishes at once (the deadline
 * is scheduled, then cancelled), per block. Peers: ScheduledThreadPoolExecutor and Netty's
 * HashedWheelTimer, schedule+cancel. Goal: at most 200 ns per schedule+cancel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class TimerBench {
    static final int DEADLINES = 100_000;

    private Loop loop;
    private ScheduledThreadPoolExecutor stpe;
    private HashedWheelTimer wheel;

    @Setup(Level.Trial)
    public void open() {
        loop = Loop.open(LoopOptions.parallel());
        stpe = new ScheduledThreadPoolExecutor(1);
        stpe.setRemoveOnCancelPolicy(true);
        wheel = new HashedWheelTimer();
        wheel.start();
    }

    @TearDown(Level.Trial)
    public void close() {
        loop.close();
        stpe.shutdownNow();
        wheel.stop();
    }

    @Benchmark
    @OperationsPerInvocation(DEADLINES)
    public int weftDeadlineBlock() throws Exception {
        return loop.spawn(() -> {
            int finished = 0;
            for (int i = 0; i < DEADLINES; i++) {
                if (Weft.moveOnAfter(Duration.ofHours(1), () -> { })) {
                    finished++;
                }
            }
            return finished;
        }).get();
    }

    @Benchmark
    @OperationsPerInvocation(DEADLINES)
    public int scheduledThreadPoolExecutor() {
        int cancelled = 0;
        for (int i = 0; i < DEADLINES; i++) {
            ScheduledFuture<?> f = stpe.schedule(() -> { }, 1, TimeUnit.HOURS);
            if (f.cancel(false)) {
                cancelled++;
            }
        }
        return cancelled;
    }

    @Benchmark
    @OperationsPerInvocation(DEADLINES)
    public int nettyHashedWheelTimer() {
        int cancelled = 0;
        for (int i = 0; i < DEADLINES; i++) {
            Timeout t = wheel.newTimeout(timeout -> { }, 1, TimeUnit.HOURS);
            if (t.cancel()) {
                cancelled++;
            }
        }
        return cancelled;
    }
}

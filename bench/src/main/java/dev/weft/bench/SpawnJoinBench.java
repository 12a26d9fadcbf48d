package dev.weft.bench;

import dev.weft.core.Loop;
import dev.weft.core.LoopOptions;
import dev.weft.core.TaskScope;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * spawn_join: spawn and join {@value #TASKS} trivial tasks; the score is per task. Weft spawns
 * them into one TaskScope inside a task of an open loop; the peers are raw virtual threads and
 * the JDK's virtual-thread-per-task executor. Goal: Weft at most 1.3x raw.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class SpawnJoinBench {
    static final int TASKS = 10_000;

    private Loop parallel;
    private Loop confined;
    private ExecutorService executor;

    @Setup(Level.Trial)
    public void open() {
        parallel = Loop.open(LoopOptions.parallel());
        confined = Loop.open(LoopOptions.confined().withSlowStepThreshold(java.time.Duration.ZERO));
        executor = Executors.newVirtualThreadPerTaskExecutor();
    }

    @TearDown(Level.Trial)
    public void close() {
        parallel.close();
        confined.close();
        executor.close();
    }

    private static int spawnAll() {
        try (var scope = TaskScope.open()) {
            for (int i = 0; i < TASKS; i++) {
                scope.spawn(() -> { });
            }
            scope.join();
        }
        return TASKS;
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int weftScopeParallel() throws Exception {
        return parallel.submit(SpawnJoinBench::spawnAll).get();
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int weftScopeConfined() throws Exception {
        return confined.submit(SpawnJoinBench::spawnAll).get();
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int rawVirtualThreads() throws Exception {
        Thread[] threads = new Thread[TASKS];
        for (int i = 0; i < TASKS; i++) {
            threads[i] = Thread.ofVirtual().start(() -> { });
        }
        for (Thread t : threads) {
            t.join();
        }
        return TASKS;
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int virtualThreadExecutor() throws Exception {
        var futures = new java.util.concurrent.Future<?>[TASKS];
        for (int i = 0; i < TASKS; i++) {
            futures[i] = executor.submit(() -> { });
        }
        for (var f : futures) {
            f.get();
        }
        return TASKS;
    }
}

package dev.weft.bench;

import dev.weft.core.Loop;
import dev.weft.core.LoopOptions;
import dev.weft.core.Weft;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
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
 * gather_fanout: gather {@value #TASKS} tasks that each return a value; score per task. Peers:
 * CompletableFutures on the virtual-thread executor (the raw equivalent). Goal: at most 1.5x raw.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class GatherBench {
    static final int TASKS = 10_000;

    private Loop loop;
    private ExecutorService executor;
    private List<Callable<Integer>> calls;

    @Setup(Level.Trial)
    public void open() {
        loop = Loop.open(LoopOptions.parallel());
        executor = Executors.newVirtualThreadPerTaskExecutor();
        calls = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            int value = i;
            calls.add(() -> value);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        loop.close();
        executor.close();
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int weftGather() throws Exception {
        return loop.spawn(() -> Weft.gather(calls).size()).get();
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int rawCompletableFutures() {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(TASKS);
        for (Callable<Integer> c : calls) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return c.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, executor));
        }
        int n = 0;
        for (CompletableFuture<Integer> f : futures) {
            f.join();
            n++;
        }
        return n;
    }
}

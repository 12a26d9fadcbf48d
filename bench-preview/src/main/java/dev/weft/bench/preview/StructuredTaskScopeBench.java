package dev.weft.bench.preview;

import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * spawn_join's StructuredTaskScope peer: fork {@code tasks} trivial subtasks into one
 * {@code StructuredTaskScope.open()} (JDK 25's API: all must succeed) and join. The runner
 * divides the score by {@code tasks}, as for SpawnJoinBench.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview"})
public class StructuredTaskScopeBench {
    @Param({"100000"})
    public int tasks;

    @Benchmark
    public int structuredTaskScope() throws InterruptedException {
        try (var scope = StructuredTaskScope.open()) {
            for (int i = 0; i < tasks; i++) {
                scope.fork(() -> { });
            }
            scope.join();
        }
        return tasks;
    }
}

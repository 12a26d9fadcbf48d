package dev.weft.bench;

import dev.weft.core.Loop;
import dev.weft.core.LoopOptions;
import dev.weft.core.TaskScope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * spawn_join: spawn and join {@code tasks} trivial tasks (10^5 with {@code --quick}, 10^6 for the
 * full run; the runner passes {@code -p tasks=N} and divides the score by it, so figures are per
 * task). Weft spawns them into one TaskScope inside a task of an open loop, so from a virtual
 * thread. The raw peers, strongest fair form first:
 * <ul>
 *   <li>{@code rawVirtualLatch}: spawns from a virtual thread, each thread counts down one latch
 *       that the spawner waits on (no per-thread join);
 *   <li>{@code rawVirtualJoin}: spawns from a virtual thread and joins each thread, as Weft's
 *       scope waits for each child;
 *   <li>{@code rawVirtualThreads}: spawns from JMH's platform thread and joins each thread (the
 *       old peer; a platform-thread join parks an OS thread, so it is not like for like).
 * </ul>
 * Also the JDK's virtual-thread-per-task executor and CompletableFutures on the common pool
 * ({@code StructuredTaskScope}, a preview API, is in the bench-preview module). The runner's
 * headline ratio is against whichever raw peer is fastest. Goal (issue 21): at most 1.1x the
 * strongest raw peer in time, 1.2x in bytes allocated.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class SpawnJoinBench {
    @Param({"100000"})
    public int tasks;

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

    private int spawnAll() {
        try (var scope = TaskScope.open()) {
            for (int i = 0; i < tasks; i++) {
                scope.spawn(() -> { });
            }
            scope.join();
        }
        return tasks;
    }

    @Benchmark
    public int weftScopeParallel() throws Exception {
        return parallel.spawn(this::spawnAll).get();
    }

    @Benchmark
    public int weftScopeConfined() throws Exception {
        return confined.spawn(this::spawnAll).get();
    }

    @Benchmark
    public int rawVirtualThreads() throws Exception {
        Thread[] threads = new Thread[tasks];
        for (int i = 0; i < tasks; i++) {
            threads[i] = Thread.ofVirtual().start(() -> { });
        }
        for (Thread t : threads) {
            t.join();
        }
        return tasks;
    }

    /** Spawns from a virtual thread (as Weft does) and joins every thread. */
    @Benchmark
    public int rawVirtualJoin() throws Exception {
        return onVirtualThread(() -> {
            Thread[] threads = new Thread[tasks];
            for (int i = 0; i < tasks; i++) {
                threads[i] = Thread.ofVirtual().start(() -> { });
            }
            for (Thread t : threads) {
                t.join();
            }
        });
    }

    /** Spawns from a virtual thread and waits for one latch that every thread counts down. */
    @Benchmark
    public int rawVirtualLatch() throws Exception {
        return onVirtualThread(() -> {
            CountDownLatch done = new CountDownLatch(tasks);
            Runnable body = done::countDown;
            for (int i = 0; i < tasks; i++) {
                Thread.ofVirtual().start(body);
            }
            done.await();
        });
    }

    private interface Body {
        void run() throws InterruptedException;
    }

    /** Runs {@code body} on a fresh virtual thread and waits for it; rethrows what it threw. */
    private int onVirtualThread(Body body) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        runner.join();
        if (failure[0] != null) {
            throw new IllegalStateException("the raw peer failed", failure[0]);
        }
        return tasks;
    }

    @Benchmark
    public int virtualThreadExecutor() throws Exception {
        var futures = new java.util.concurrent.Future<?>[tasks];
        for (int i = 0; i < tasks; i++) {
            futures[i] = executor.submit(() -> { });
        }
        for (var f : futures) {
            f.get();
        }
        return tasks;
    }

    @Benchmark
    public int completableFutures() {
        var futures = new CompletableFuture<?>[tasks];
        for (int i = 0; i < tasks; i++) {
            futures[i] = CompletableFuture.runAsync(() -> { });
        }
        CompletableFuture.allOf(futures).join();
        return tasks;
    }
}

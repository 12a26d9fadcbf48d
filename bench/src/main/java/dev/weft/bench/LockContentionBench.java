package dev.weft.bench;

import dev.weft.core.Lock;
import dev.weft.core.Loop;
import dev.weft.core.LoopOptions;
import dev.weft.core.TaskScope;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * lock_contention: {@value #TASKS} tasks each take one lock {@value #PER_TASK} times around a
 * counter increment; score per acquire+release. Peers: ReentrantLock, unfair (barging) and fair,
 * on raw virtual threads. Goal: at most 1.5x ReentrantLock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class LockContentionBench {
    static final int TASKS = 100;
    static final int PER_TASK = 1_000;
    static final int OPS = TASKS * PER_TASK;

    private Loop loop;
    private long counter;

    @Setup(Level.Trial)
    public void open() {
        loop = Loop.open(LoopOptions.parallel());
    }

    @TearDown(Level.Trial)
    public void close() {
        loop.close();
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long weftLock() throws Exception {
        return loop.spawn(() -> {
            Lock lock = Lock.create();
            try (var scope = TaskScope.open()) {
                for (int t = 0; t < TASKS; t++) {
                    scope.spawn(() -> {
                        for (int i = 0; i < PER_TASK; i++) {
                            lock.acquire();
                            try {
                                counter++;
                            } finally {
                                lock.release();
                            }
                        }
                    });
                }
                scope.join();
            }
            return counter;
        }).get();
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long rawReentrantLock() throws Exception {
        return withReentrantLock(new ReentrantLock());
    }

    /** Weft's Lock serves waiters first come, first served, as a fair ReentrantLock does. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long rawFairReentrantLock() throws Exception {
        return withReentrantLock(new ReentrantLock(true));
    }

    private long withReentrantLock(ReentrantLock lock) throws InterruptedException {
        Thread[] threads = new Thread[TASKS];
        for (int t = 0; t < TASKS; t++) {
            threads[t] = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < PER_TASK; i++) {
                    lock.lock();
                    try {
                        counter++;
                    } finally {
                        lock.unlock();
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        return counter;
    }
}

package dev.weft.bench;

import dev.weft.core.Loop;
import dev.weft.core.LoopOptions;
import dev.weft.core.Promise;
import dev.weft.core.Task;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * cancel_storm: {@value #TASKS} children blocked in a sleep are cancelled and waited for; the
 * score (per child) covers only the cancellation and the wait, the blocked children are made in
 * the per-invocation setup. Peer: raw virtual threads interrupted and joined. Goal: at most 1.5x raw.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class CancelStormBench {
    static final int TASKS = 100_000;

    private Loop loop;
    private Promise<Void> go;
    private Task<Integer> owner;
    private Thread[] raw;

    @Setup(Level.Trial)
    public void open() {
        loop = Loop.open(LoopOptions.parallel());
    }

    @TearDown(Level.Trial)
    public void close() {
        loop.close();
    }

    @Setup(Level.Invocation)
    public void blockChildren() throws Exception {
        CountDownLatch ready = new CountDownLatch(TASKS);
        AtomicReference<Promise<Void>> signal = new AtomicReference<>();
        CountDownLatch signalSet = new CountDownLatch(1);
        owner = loop.spawn(() -> {
            signal.set(Promise.create());
            signalSet.countDown();
            try (var scope = TaskScope.open()) {
                for (int i = 0; i < TASKS; i++) {
                    scope.spawn(() -> {
                        ready.countDown();
                        Weft.sleep(Duration.ofHours(1));
                    });
                }
                signal.get().join();
                scope.cancel();
                scope.join();
            }
            return TASKS;
        });
        signalSet.await();
        ready.await();
        go = signal.get();
        CountDownLatch rawReady = new CountDownLatch(TASKS);
        raw = new Thread[TASKS];
        for (int i = 0; i < TASKS; i++) {
            raw[i] = Thread.ofVirtual().start(() -> {
                rawReady.countDown();
                try {
                    Thread.sleep(Duration.ofHours(1));
                } catch (InterruptedException e) {
                    // cancelled: end
                }
            });
        }
        rawReady.await();
    }

    @TearDown(Level.Invocation)
    public void cleanUp() throws Exception {
        if (!go.isDone()) {
            go.complete(null);
        }
        owner.get();
        for (Thread t : raw) {
            t.interrupt();
            t.join();
        }
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int weftCancelScope() throws Exception {
        go.complete(null);
        return owner.get();
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int rawInterruptAndJoin() throws Exception {
        for (Thread t : raw) {
            t.interrupt();
        }
        for (Thread t : raw) {
            t.join();
        }
        return TASKS;
    }
}

package dev.weft.bench;

import dev.weft.core.Channel;
import dev.weft.core.Loop;
import dev.weft.core.LoopOptions;
import dev.weft.core.Queue;
import dev.weft.core.TaskScope;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
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
 * pingpong: two tasks hand a value back and forth through two rendezvous channels; score per
 * round trip. Peers: SynchronousQueue on raw virtual threads. Goals: parallel at most 1.5x raw;
 * confined at most 1 µs per round trip. Also issue 4's queue form: Weft's {@code Queue.fifo(1)}
 * against {@code ArrayBlockingQueue(1)}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class PingPongBench {
    static final int ROUNDS = 10_000;

    private Loop parallel;
    private Loop confined;

    @Setup(Level.Trial)
    public void open() {
        parallel = Loop.open(LoopOptions.parallel());
        confined = Loop.open(LoopOptions.confined().withSlowStepThreshold(java.time.Duration.ZERO));
    }

    @TearDown(Level.Trial)
    public void close() {
        parallel.close();
        confined.close();
    }

    private static int pingPong() {
        try (Channel<Integer> ping = Channel.open(0); Channel<Integer> pong = Channel.open(0);
             var scope = TaskScope.open()) {
            scope.spawn(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    pong.sender().send(ping.receiver().receive());
                }
            });
            for (int i = 0; i < ROUNDS; i++) {
                ping.sender().send(i);
                pong.receiver().receive();
            }
            scope.join();
        }
        return ROUNDS;
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public int weftChannelsParallel() throws Exception {
        return parallel.spawn(PingPongBench::pingPong).get();
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public int weftChannelsConfined() throws Exception {
        return confined.spawn(PingPongBench::pingPong).get();
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public int rawSynchronousQueue() throws Exception {
        return rawPingPong(new SynchronousQueue<>(), new SynchronousQueue<>());
    }

    /** The raw peers: two raw virtual threads hand a value back and forth through two JDK queues. */
    private static int rawPingPong(BlockingQueue<Integer> ping, BlockingQueue<Integer> pong) throws Exception {
        Thread player = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < ROUNDS; i++) {
                    pong.put(ping.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < ROUNDS; i++) {
                    ping.put(i);
                    pong.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).join();
        player.join();
        return ROUNDS;
    }

    private static int queuePingPong() {
        Queue<Integer> ping = Queue.fifo(1);
        Queue<Integer> pong = Queue.fifo(1);
        try (var scope = TaskScope.open()) {
            scope.spawn(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    pong.put(ping.get());
                }
            });
            for (int i = 0; i < ROUNDS; i++) {
                ping.put(i);
                pong.get();
            }
            scope.join();
        }
        return ROUNDS;
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public int weftQueueParallel() throws Exception {
        return parallel.spawn(PingPongBench::queuePingPong).get();
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public int rawArrayBlockingQueue() throws Exception {
        return rawPingPong(new ArrayBlockingQueue<>(1), new ArrayBlockingQueue<>(1));
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** toThread on a caller's executor, and the size of the loop's own pool. */
@Timeout(20)
class ToThreadExecutorTest {

    @Test
    void toThreadWithAnExecutorRunsTheBodyOnThatExecutorsThread() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "caller-pool"));
        try {
            String thread = Weft.run(() -> Weft.toThread(executor, () -> Thread.currentThread().getName()));
            assertEquals("caller-pool", thread);
        } finally {
            executor.shutdown();
        }
    }

    @Test
    void fortyBlockingCallsRunAtOnceOnAPoolSizedForThem() {
        int calls = 40;
        CyclicBarrier all = new CyclicBarrier(calls);
        List<Integer> done = Weft.run(LoopOptions.defaults().withToThreadPoolSize(calls), () -> {
            List<Task<Integer>> tasks = new ArrayList<>();
            try (TaskScope scope = TaskScope.open()) {
                for (int i = 0; i < calls; i++) {
                    int n = i;
                    // each body waits for all 40: it passes only if 40 threads run at once
                    tasks.add(scope.spawn(() -> Weft.toThread(() -> {
                        all.await(10, TimeUnit.SECONDS);
                        return n;
                    })));
                }
                scope.join();
            }
            return tasks.stream().map(Task::resultNow).toList();
        });
        assertEquals(calls, done.size());
    }

    @Test
    void aCallCancelledWhileItWaitsForAThreadNeverRunsItsBody() throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch secondQueued = new CountDownLatch(1);
        Executor recording = job -> {
            one.execute(job);
            secondQueued.countDown();
        };
        AtomicBoolean secondRan = new AtomicBoolean();
        try {
            Weft.run(() -> {
                try (TaskScope scope = TaskScope.open()) {
                    scope.spawn(() -> Weft.toThread(one, () -> {
                        firstRunning.countDown();
                        releaseFirst.await();
                        return null;
                    }));
                    firstRunning.await();
                    Task<Object> second = scope.spawn(() -> Weft.toThread(recording, () -> {
                        secondRan.set(true);
                        return null;
                    }));
                    secondQueued.await(); // queued behind the first body, which holds the only thread
                    second.cancel("not needed any more");
                    assertThrows(CancelledException.class, second::join);
                    releaseFirst.countDown();
                    scope.join();
                }
                // FIFO: this body runs after the cancelled one would have
                assertTrue(Weft.toThread(one, () -> true));
            });
        } finally {
            one.shutdown();
        }
        assertFalse(secondRan.get(), "the body of a call cancelled before it got a thread ran anyway");
    }

    @Test
    void aPoolSizeBelowOneIsRejectedWithTheDefaultInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoopOptions.parallel().withToThreadPoolSize(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
        assertEquals(LoopOptions.defaultToThreadPoolSize(), LoopOptions.confined().toThreadPoolSize());
    }

    @Test
    void aNullExecutorIsRejectedWithAMessage() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Weft.run(() -> Weft.toThread(null, () -> 1)));
        assertTrue(e.getMessage().contains("Weft.toThread(body)"), e.getMessage());
    }

    @Test
    void aCancelledTaskHandsNoWorkToTheExecutor() {
        AtomicInteger handedOver = new AtomicInteger();
        Executor counting = job -> {
            handedOver.incrementAndGet();
            job.run();
        };
        Weft.run(() -> SyncTesting.whileCancelled(
                () -> assertThrows(CancelledException.class, () -> Weft.toThread(counting, () -> "ran"))));
        assertEquals(0, handedOver.get(), "toThread in a cancelled task passed its body to the executor");
    }
}

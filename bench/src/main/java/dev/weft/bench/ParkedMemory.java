package dev.weft.bench;

import dev.weft.core.LoopOptions;
import dev.weft.core.Task;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * parked_memory: N tasks each blocked in a 1 s sleep, references kept. Prints one JSON line with
 * the heap bytes per task (heap used once all are parked, minus before, after full GCs), the
 * resident bytes per task (VmRSS from /proc/self/status once all are parked, minus before: the
 * same tool the asyncio peer reads, so RSS compares with RSS) and the wall time from the first
 * spawn until all have finished. Usage: ParkedMemory weft|raw N [wall]: with {@code wall}, no
 * heap is measured (the full GCs would count in the wall time), and no RSS either.
 * Goal (issue 21): heap at most 1.15x raw per task; wall time at most 0.9x raw Thread.sleep.
 */
public final class ParkedMemory {
    private ParkedMemory() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int n = Integer.parseInt(args[1]);
        boolean measureHeap = args.length < 3 || !args[2].equals("wall");
        long before = measureHeap ? Memory.usedHeap() : 0;
        long rssBefore = measureHeap ? Memory.residentBytes() : 0;
        long[] parkedHeap = new long[1];
        long[] parkedRss = new long[1];
        long start = System.nanoTime();
        if (kind.equals("raw")) {
            CountDownLatch parked = new CountDownLatch(n);
            List<Thread> threads = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    parked.countDown();
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            parked.await();
            parkedHeap[0] = measureHeap ? Memory.usedHeap() : 0;
            parkedRss[0] = measureHeap ? Memory.residentBytes() : 0;
            for (Thread t : threads) {
                t.join();
            }
        } else {
            Weft.run(LoopOptions.parallel(), () -> {
                CountDownLatch parked = new CountDownLatch(n);
                List<Task<Void>> tasks = new ArrayList<>(n);
                try (var scope = TaskScope.open()) {
                    for (int i = 0; i < n; i++) {
                        tasks.add(scope.spawn(() -> {
                            parked.countDown();
                            Weft.sleep(Duration.ofSeconds(1));
                        }));
                    }
                    parked.await();
                    parkedHeap[0] = measureHeap ? Memory.usedHeap() : 0;
                    parkedRss[0] = measureHeap ? Memory.residentBytes() : 0;
                    scope.join();
                }
                return tasks.size();
            });
        }
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf("{\"scenario\": \"parked_memory\", \"impl\": \"%s\", \"size\": %d, \"bytes_per_task\": %.1f, "
                        + "\"rss_bytes_per_task\": %.1f, \"wall_s\": %.3f}%n",
                kind, n, (parkedHeap[0] - before) / (double) n, (parkedRss[0] - rssBefore) / (double) n, wall);
    }
}

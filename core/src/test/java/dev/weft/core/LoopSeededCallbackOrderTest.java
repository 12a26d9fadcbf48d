package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A seed shuffles task steps of a confined loop, never the order of callbacks due together. */
@Timeout(20)
class LoopSeededCallbackOrderTest {
    private static final List<Integer> FIFTY = IntStream.range(0, 50).boxed().toList();

    @Test
    void seededLoopRunsCallSoonCallbacksInTheOrderTheyWereScheduled() {
        for (long seed = 1; seed <= 20; seed++) {
            try (Loop loop = Loop.open(LoopOptions.confined().withSeed(seed))) {
                List<Integer> order = Collections.synchronizedList(new ArrayList<>());
                for (int i = 0; i < 50; i++) {
                    int n = i;
                    loop.callSoon(() -> order.add(n));
                }
                loop.callSoon(loop::stop);
                loop.runForever();
                assertEquals(FIFTY, order, "seed " + seed);
            }
        }
    }

    @Test
    void seededLoopRunsCallbacksScheduledByATaskInOrderWhileTasksAreShuffled() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            try (Loop loop = Loop.open(LoopOptions.confined().withSeed(seed))) {
                List<Integer> order = Collections.synchronizedList(new ArrayList<>());
                loop.runUntilComplete(() -> {
                    try (TaskScope scope = TaskScope.open()) {
                        for (int t = 0; t < 4; t++) {
                            scope.spawn(() -> Weft.yieldNow()); // ready steps to shuffle against
                        }
                        for (int i = 0; i < 50; i++) {
                            int n = i;
                            loop.callSoon(() -> order.add(n));
                        }
                        scope.join();
                    }
                    Weft.sleep(Duration.ofMillis(1)); // the callbacks run while main sleeps
                });
                loop.callSoon(loop::stop);
                loop.runForever();
                assertEquals(FIFTY, order, "seed " + seed);
            }
        }
    }

    @Test
    void seededLoopRunsCallAtCallbacksForTheSameTimeInSchedulingOrder() {
        for (long seed = 1; seed <= 10; seed++) {
            try (Loop loop = Loop.open(LoopOptions.confined().withSeed(seed))) {
                List<Integer> order = Collections.synchronizedList(new ArrayList<>());
                long when = loop.time() + Duration.ofMillis(5).toNanos();
                for (int i = 0; i < 50; i++) {
                    int n = i;
                    loop.callAt(when, () -> order.add(n));
                }
                loop.callAt(when, loop::stop);
                loop.runForever();
                assertEquals(FIFTY, order, "seed " + seed);
            }
        }
    }
}

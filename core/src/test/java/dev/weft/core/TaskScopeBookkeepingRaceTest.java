package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scope's spawn and completion bookkeeping takes no lock (issue 21): these drive its races on
 * purpose, many rounds, on whichever loop kind the suite runs ({@code weft.loop}). A lost wake or a
 * child missed by a cancellation hangs a round, which the timeout turns into a failure.
 */
class TaskScopeBookkeepingRaceTest {
    private static final int ROUNDS = 150;

    /**
     * A failed task cancels its fail-fast scope's body before it leaves the scope's count: a join
     * woken by that count, or a close, then finds the body cancelled and the owner interrupted. The
     * other order let join report the failure before the cancellation landed, and the scope's close
     * pop the body uncancelled, leaving the owner interrupted outside it. The owner holds the body
     * node's monitor, which the child's cancellation needs, and reads the count while the child
     * waits for it.
     */
    @Test
    @Timeout(30)
    void aFailedTaskCancelsTheBodyBeforeItLeavesTheCount() {
        Weft.run(LoopOptions.parallel(), () -> {
            try (TaskScope scope = TaskScope.open()) {
                ScopeImpl impl = (ScopeImpl) scope;
                AtomicReference<Thread> child = new AtomicReference<>();
                int liveWhileTheChildCancels;
                synchronized (impl.body) {
                    scope.spawn(() -> {
                        child.set(Thread.currentThread());
                        throw new IllegalStateException("boom");
                    });
                    while (child.get() == null || child.get().getState() != Thread.State.BLOCKED) {
                        Thread.yield(); // the child needs a carrier
                    }
                    liveWhileTheChildCancels = impl.liveCount();
                }
                assertEquals(1, liveWhileTheChildCancels,
                        "the failed task left the count before it cancelled the body: join could report first");
                assertThrows(TaskScopeFailedException.class, scope::join);
                assertTrue(Thread.currentThread().isInterrupted(), "the body is cancelled: its owner is interrupted");
            }
        });
    }

    @Test
    @Timeout(60)
    void aChildSpawnedWhileTheScopeIsCancelledIsCancelled() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            int cancelAt = round % 20;
            Queue<Task<Void>> siblings = new ConcurrentLinkedQueue<>();
            Weft.run(() -> {
                AtomicInteger spawned = new AtomicInteger();
                try (TaskScope scope = TaskScope.open()) {
                    // a platform thread cancels the scope while a child keeps spawning into it
                    Thread canceller = Thread.ofPlatform().start(() -> {
                        while (spawned.get() < cancelAt) {
                            Thread.onSpinWait();
                        }
                        scope.cancel("round over");
                    });
                    scope.spawn(() -> {
                        for (int i = 0; i < 40; i++) {
                            siblings.add(scope.spawn(() -> Weft.sleep(Duration.ofMinutes(10))));
                            spawned.incrementAndGet();
                        }
                    });
                    scope.join(); // returns only if every sibling was cancelled
                    canceller.join();
                }
            });
            for (Task<Void> t : siblings) {
                assertEquals(Task.State.CANCELLED, t.state(), "round " + round);
            }
        }
    }

    @Test
    @Timeout(60)
    void joinReturnsOnlyAfterTheLastOfManyConcurrentChildrenEnds() {
        for (int round = 0; round < ROUNDS; round++) {
            List<Task<?>> all = new ArrayList<>();
            AtomicInteger ended = new AtomicInteger();
            Queue<Task<Void>> spawnedByChildren = new ConcurrentLinkedQueue<>();
            int r = round;
            Weft.run(() -> {
                try (TaskScope scope = TaskScope.open()) {
                    for (int i = 0; i < 30; i++) {
                        int fanOut = (r + i) % 4;
                        all.add(scope.spawn(() -> {
                            for (int k = 0; k < fanOut; k++) {
                                spawnedByChildren.add(scope.spawn(() -> { // a sibling
                                    ended.incrementAndGet();
                                }));
                            }
                            ended.incrementAndGet();
                        }));
                    }
                    scope.join();
                    all.addAll(spawnedByChildren);
                    for (Task<?> t : all) {
                        assertTrue(t.isDone(), "round " + r + ": join returned before " + t + " ended");
                    }
                    assertEquals(all.size(), ended.get(), "round " + r);
                }
            });
        }
    }

    @Test
    @Timeout(60)
    void everyFailureOfConcurrentlyFailingChildrenIsReported() {
        for (int round = 0; round < ROUNDS; round++) {
            List<Task<Void>> tasks = new ArrayList<>();
            int r = round;
            TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
                try (TaskScope scope = TaskScope.open()) {
                    for (int i = 0; i < 20; i++) {
                        int n = i;
                        tasks.add(scope.spawn(() -> {
                            throw new IllegalStateException("child " + n + " of round " + r);
                        }));
                    }
                    scope.join();
                }
            }));
            long failed = tasks.stream().filter(t -> t.state() == Task.State.FAILED).count();
            assertTrue(failed >= 1, "round " + r);
            assertEquals(failed, e.failures().size(), "round " + r + ": " + e.failures());
        }
    }

    @Test
    @Timeout(60)
    void aLongLivedScopeDoesNotKeepItsFinishedChildren() {
        List<WeakReference<Task<?>>> finished = new ArrayList<>();
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> keeper = scope.spawn(() -> Weft.sleep(Duration.ofMinutes(10)));
                for (int i = 0; i < 2_000; i++) {
                    Task<Integer> t = scope.spawn(() -> 1);
                    t.join();
                    if (i % 100 == 0) {
                        finished.add(new WeakReference<>(t));
                    }
                }
                // the live list was pruned as the spawns went on: the finished children are garbage
                Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> {
                    System.gc();
                    return finished.stream().limit(finished.size() - 1).allMatch(w -> w.get() == null);
                });
                keeper.cancel("the test is over");
                scope.join();
            }
        });
        assertNull(finished.get(0).get());
    }
}

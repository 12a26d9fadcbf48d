package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How long a scope keeps its finished children linked (memory, not behaviour: a finished child
 * is skipped by every walk). A spawn prunes once at least {@link ScopeImpl#PRUNE_MIN_SPAWNS}
 * spawns have passed and more than twice the live count, so a long-lived scope holds a number of
 * children proportional to its live ones, and a prune's walk is paid for by the spawns before
 * it; the last child to end unlinks them all.
 */
@Timeout(20)
class TaskScopeRetentionTest {

    @Test
    void withOneLiveChildTheSixtyFourthSpawnUnlinksTheFinishedOnesAndNotBefore() {
        Weft.run(() -> {
            Promise<Void> gate = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                ScopeImpl impl = (ScopeImpl) scope;
                scope.spawn(gate::join); // keeps the scope's live count above 0
                for (int spawns = 2; spawns < ScopeImpl.PRUNE_MIN_SPAWNS; spawns++) {
                    spawnAndFinish(scope, impl, 1);
                    assertEquals(spawns, impl.linkedCount(), "spawn " + spawns + ": no prune yet");
                }
                Task<Void> last = scope.spawn(() -> { });
                assertEquals(2, impl.linkedCount(),
                        "spawn " + ScopeImpl.PRUNE_MIN_SPAWNS + " prunes: the gated child and the new one stay");
                last.join();
                gate.complete(null);
                scope.join();
            }
        });
    }

    @Test
    void withManyLiveChildrenAPruneWaitsForMoreThanTwiceTheLiveCount() {
        int blocked = 40;
        Weft.run(() -> {
            Promise<Void> gate = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                ScopeImpl impl = (ScopeImpl) scope;
                for (int i = 0; i < blocked; i++) {
                    scope.spawn(gate::join);
                }
                int pruneAt = 2 * (blocked + 1) + 1; // each spawn sees 41 live: the first beyond 82 prunes
                for (int spawns = blocked + 1; spawns < pruneAt; spawns++) {
                    spawnAndFinish(scope, impl, blocked);
                    assertEquals(spawns, impl.linkedCount(), "spawn " + spawns + " of " + pruneAt + ": no prune yet");
                }
                Task<Void> last = scope.spawn(() -> { });
                assertEquals(blocked + 1, impl.linkedCount(), "spawn " + pruneAt + " prunes the finished children");
                last.join();
                gate.complete(null);
                scope.join();
            }
        });
    }

    @Test
    void whenTheLastChildEndsTheFinishedChildrenAreUnlinked() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                ScopeImpl impl = (ScopeImpl) scope;
                Promise<Void> gate = Promise.create();
                Task<Void> lastToEnd = scope.spawn(gate::join);
                for (int i = 0; i < 10; i++) {
                    spawnAndFinish(scope, impl, 1);
                }
                assertEquals(11, impl.linkedCount());
                gate.complete(null);
                lastToEnd.join();
                awaitLinked(impl, 0); // the last child prunes just after its count reaches 0
            }
        });
    }

    /** Spawns an empty task and waits until it is through the scope's books ({@code live} back). */
    private static void spawnAndFinish(TaskScope scope, ScopeImpl impl, int liveAfter) {
        scope.spawn(() -> { }).join();
        while (impl.liveCount() != liveAfter) {
            Weft.yieldNow();
        }
    }

    private static void awaitLinked(ScopeImpl impl, int expected) {
        long end = System.nanoTime() + 5_000_000_000L;
        while (impl.linkedCount() != expected && System.nanoTime() < end) {
            Weft.yieldNow();
        }
        assertEquals(expected, impl.linkedCount(), "children still linked 5 s after the last one ended");
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BarrierArrivalTest {

    @Test
    void lessThanOnePartyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Barrier.create(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    @Test
    void everyRoundGivesDistinctIndicesInArrivalOrder() {
        Weft.run(() -> {
            Barrier barrier = Barrier.create(3);
            for (int round = 0; round < 4; round++) {
                try (var scope = TaskScope.open()) {
                    List<Task<Integer>> arrivals = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        arrivals.add(scope.spawn(barrier::await));
                        int arrived = i + 1;
                        if (arrived < 3) {
                            SyncTesting.awaitUntil(() -> barrier.statistics().waiting() == arrived);
                        }
                    }
                    scope.join();
                    for (int i = 0; i < 3; i++) {
                        assertEquals(i, arrivals.get(i).resultNow(), "round " + round + ", arrival " + i);
                    }
                }
                assertEquals(new Barrier.Statistics(3, 0, false), barrier.statistics());
            }
        });
    }

    @Test
    void manyTasksMeetInRoundsWithDistinctIndices() {
        Weft.run(() -> {
            int parties = 5;
            Barrier barrier = Barrier.create(parties);
            List<Task<List<Integer>>> tasks = new ArrayList<>();
            try (var scope = TaskScope.open()) {
                for (int t = 0; t < parties; t++) {
                    tasks.add(scope.spawn(() -> {
                        List<Integer> mine = new ArrayList<>();
                        for (int round = 0; round < 50; round++) {
                            mine.add(barrier.await());
                        }
                        return mine;
                    }));
                }
                scope.join();
            }
            for (int round = 0; round < 50; round++) {
                Set<Integer> indices = new TreeSet<>();
                for (Task<List<Integer>> t : tasks) {
                    indices.add(t.resultNow().get(round));
                }
                assertEquals(Set.of(0, 1, 2, 3, 4), indices, "round " + round);
            }
        });
    }

    @Test
    void abortBreaksTheBarrierForWaitersAndLaterCallsUntilReset() {
        Weft.run(() -> {
            Barrier barrier = Barrier.create(3);
            try (var scope = TaskScope.open()) {
                List<Task<BarrierBrokenException>> waiters = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    waiters.add(scope.spawn(() -> assertThrows(BarrierBrokenException.class, barrier::await)));
                }
                SyncTesting.awaitUntil(() -> barrier.statistics().waiting() == 2);
                barrier.abort();
                scope.join();
                for (Task<BarrierBrokenException> w : waiters) {
                    assertTrue(w.resultNow().getMessage().contains("aborted"), w.resultNow().getMessage());
                }
            }
            assertTrue(barrier.isBroken());
            BarrierBrokenException later = assertThrows(BarrierBrokenException.class, barrier::await);
            assertTrue(later.getMessage().contains("reset()"), later.getMessage());
            barrier.reset();
            assertFalse(barrier.isBroken());
            assertEquals(new Barrier.Statistics(3, 0, false), barrier.statistics());
        });
    }

    @Test
    void resetWakesWaitersWithBrokenAndStartsAnEmptyRound() {
        Weft.run(() -> {
            Barrier barrier = Barrier.create(2);
            try (var scope = TaskScope.open()) {
                Task<BarrierBrokenException> early = scope.spawn(
                        () -> assertThrows(BarrierBrokenException.class, barrier::await));
                SyncTesting.awaitUntil(() -> barrier.statistics().waiting() == 1);
                barrier.reset();
                scope.join();
                assertTrue(early.resultNow().getMessage().contains("reset"));
            }
            try (var scope = TaskScope.open()) {
                Task<Integer> first = scope.spawn(barrier::await);
                SyncTesting.awaitUntil(() -> barrier.statistics().waiting() == 1);
                assertEquals(1, barrier.await(), "the early waiter does not count in the new round");
                scope.join();
                assertEquals(0, first.resultNow());
            }
        });
    }

    @Test
    void aCancelledWaiterWithdrawsItsArrivalWithoutBreakingTheBarrier() {
        Weft.run(() -> {
            Barrier barrier = Barrier.create(2);
            try (var scope = TaskScope.open()) {
                Task<Integer> leaver = scope.spawn(barrier::await);
                SyncTesting.awaitUntil(() -> barrier.statistics().waiting() == 1);
                leaver.cancel("changed its mind");
                SyncTesting.awaitUntil(() -> barrier.statistics().waiting() == 0);
                assertFalse(Weft.moveOnAfter(Duration.ofMillis(20), barrier::await),
                        "one party is not enough: the cancelled one does not count");
                Task<Integer> other = scope.spawn(barrier::await);
                SyncTesting.awaitUntil(() -> barrier.statistics().waiting() == 1);
                assertEquals(1, barrier.await());
                scope.join();
                assertEquals(0, other.resultNow());
                assertEquals(Task.State.CANCELLED, leaver.state());
            }
            assertFalse(barrier.isBroken());
        });
    }

    @Test
    void aSinglePartyBarrierReturnsAtOnceButIsStillACheckpoint() {
        Weft.run(() -> {
            Barrier barrier = Barrier.create(1);
            assertEquals(0, barrier.await());
            assertEquals(0, barrier.await());
            SyncTesting.whileCancelled(() -> assertThrows(CancelledException.class, barrier::await));
        });
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EventWaitTest {

    @Test
    void setWakesEveryWaiter() {
        Weft.run(() -> {
            Event ready = Event.create();
            try (var scope = TaskScope.open()) {
                List<Task<Void>> waiters = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    waiters.add(scope.spawn(ready::awaitSet));
                }
                SyncTesting.awaitUntil(() -> ready.statistics().waiters() == 5);
                ready.set();
                scope.join();
                for (Task<Void> w : waiters) {
                    assertEquals(Task.State.SUCCESS, w.state());
                }
            }
            assertEquals(new Event.Statistics(true, 0), ready.statistics());
        });
    }

    @Test
    void awaitSetReturnsAtOnceWhenSetAndWaitsAgainAfterClear() {
        Weft.run(() -> {
            Event e = Event.create();
            e.set();
            e.set(); // setting a set event does nothing
            e.awaitSet();
            assertTrue(e.isSet());
            e.clear();
            assertFalse(e.isSet());
            assertFalse(Weft.moveOnAfter(Duration.ofMillis(20), e::awaitSet), "a cleared event makes awaitSet wait");
            assertEquals(0, e.statistics().waiters());
        });
    }

    @Test
    void aWaiterWokenBySetReturnsEvenIfTheEventIsClearedAtOnce() {
        Weft.run(() -> {
            Event e = Event.create();
            try (var scope = TaskScope.open()) {
                Task<Void> waiter = scope.spawn(e::awaitSet);
                SyncTesting.awaitUntil(() -> e.statistics().waiters() == 1);
                e.set();
                e.clear();
                scope.join();
                assertEquals(Task.State.SUCCESS, waiter.state());
            }
        });
    }

    @Test
    void aCancelledWaiterLeavesAndTheOthersStillWake() {
        Weft.run(() -> {
            Event e = Event.create();
            try (var scope = TaskScope.open()) {
                Task<Void> cancelled = scope.spawn(e::awaitSet);
                Task<Void> other = scope.spawn(e::awaitSet);
                SyncTesting.awaitUntil(() -> e.statistics().waiters() == 2);
                cancelled.cancel("gone");
                SyncTesting.awaitUntil(() -> e.statistics().waiters() == 1);
                e.set();
                scope.join();
                assertEquals(Task.State.CANCELLED, cancelled.state());
                assertEquals(Task.State.SUCCESS, other.state());
            }
        });
    }

    @Test
    void awaitSetIsACheckpointEvenWhenSet() {
        Weft.run(() -> {
            Event e = Event.create();
            e.set();
            SyncTesting.whileCancelled(() -> assertThrows(CancelledException.class, e::awaitSet));
        });
    }

    @Test
    void setFromALoopCallbackWakesATask() {
        Weft.run(() -> {
            Event e = Event.create();
            Loop.current().callLater(Duration.ofMillis(5), e::set);
            e.awaitSet();
            assertTrue(e.isSet());
        });
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ShieldCancellationTest {

    @Test
    void shieldBlocksOuterCancellationAndRaisesItAtTheNextBlockingCall() {
        List<String> events = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            Promise<Void> inShield = Promise.create();
            Promise<Void> cancelled = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> {
                    String r = Weft.shield(() -> {
                        inShield.complete(null);
                        cancelled.join();
                        Weft.sleep(Duration.ofMillis(5)); // not cancelled: shielded
                        events.add("shield finished");
                        return "value";
                    });
                    events.add("got " + r);
                    try {
                        Weft.sleep(Duration.ofMillis(1));
                        events.add("not cancelled?");
                    } catch (CancelledException e) {
                        events.add("cancelled after shield");
                        throw e;
                    }
                });
                inShield.join();
                t.cancel("outer");
                cancelled.complete(null);
                scope.join();
                assertEquals(Task.State.CANCELLED, t.state());
            }
        });
        assertEquals(List.of("shield finished", "got value", "cancelled after shield"), events);
    }

    @Test
    void shieldedScopeIsShieldedAndCancelScopeSaysSo() {
        Weft.run(() -> Weft.shield(() -> {
            assertTrue(CancelScope.current().isShielded());
        }));
    }

    @Test
    void finallyBlocksMayBlockInsideShieldAfterCancellation() {
        List<String> events = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            Promise<Void> started = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn(() -> {
                    try {
                        started.complete(null);
                        Weft.sleep(Duration.ofMinutes(1));
                    } finally {
                        assertThrows(CancelledException.class, () -> Weft.sleep(Duration.ofMillis(1)),
                                "unshielded cleanup is cancelled too");
                        Weft.shield(() -> {
                            Weft.sleep(Duration.ofMillis(2));
                            events.add("cleanup done");
                        });
                    }
                });
                started.join();
                t.cancel("stop");
                scope.join();
            }
        });
        assertEquals(List.of("cleanup done"), events);
    }

    @Test
    void deadlineInsideAShieldStillWorks() {
        Weft.run(() -> {
            Promise<Void> inShield = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Boolean> t = scope.spawn(() -> Weft.shield(() -> {
                    inShield.complete(null);
                    Weft.currentTask().cancel("outside");
                    return Weft.moveOnAfter(Duration.ofMillis(10), () -> Weft.sleep(Duration.ofMinutes(1)));
                }));
                inShield.join();
                scope.join();
                assertEquals(Boolean.FALSE, t.resultNow(), "the shield's own deadline must still fire");
            }
        });
    }

    @Test
    void shieldDoesNotBlockTheShieldedTasksOwnFailureReporting() {
        IllegalStateException boom = new IllegalStateException("inside shield");
        assertEquals(boom, assertThrows(IllegalStateException.class, () -> Weft.run(() -> Weft.shield(() -> {
            throw boom;
        }))));
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CapacityLimiterBorrowerTest {

    @Test
    void lessThanOneTokenIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CapacityLimiter.create(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
        CapacityLimiter limiter = CapacityLimiter.create(1);
        assertThrows(IllegalArgumentException.class, () -> limiter.setTotalTokens(-2));
    }

    @Test
    void aTaskThatAcquiresTwiceGetsAnErrorInsteadOfWaitingForItself() {
        Weft.run(() -> {
            CapacityLimiter limiter = CapacityLimiter.create(5);
            limiter.acquire();
            IllegalStateException e = assertThrows(IllegalStateException.class, limiter::acquire);
            assertTrue(e.getMessage().contains("already holds"), e.getMessage());
            assertThrows(IllegalStateException.class, limiter::tryAcquire);
            assertEquals(1, limiter.borrowedTokens());
            limiter.release();
        });
    }

    @Test
    void onlyTheBorrowerMayRelease() {
        Weft.run(() -> {
            CapacityLimiter limiter = CapacityLimiter.create(2);
            limiter.acquire();
            try (var scope = TaskScope.open()) {
                Task<IllegalStateException> other = scope.spawn("other",
                        () -> assertThrows(IllegalStateException.class, limiter::release));
                scope.join();
                String message = other.resultNow().getMessage();
                assertTrue(message.contains("'other' holds none") && message.contains("'main'"), message);
            }
            assertEquals(1, limiter.borrowedTokens());
            limiter.release();
            assertEquals(0, limiter.borrowedTokens());
        });
    }

    @Test
    void statisticsListTheBorrowersInGrantOrder() {
        Weft.run(() -> {
            CapacityLimiter limiter = CapacityLimiter.create(3);
            String request = "request-1";
            limiter.acquire();
            assertTrue(limiter.tryAcquireOnBehalfOf(request));
            CapacityLimiter.Statistics s = limiter.statistics();
            assertEquals(2, s.borrowedTokens());
            assertEquals(3, s.totalTokens());
            assertEquals(List.of(Weft.currentTask(), request), s.borrowers());
            assertEquals(0, s.waiters());
            assertEquals(1, limiter.availableTokens());
            limiter.releaseOnBehalfOf(request);
            limiter.release();
        });
    }

    @Test
    void tokensAreHandedOutFirstComeFirstServed() {
        List<Integer> order = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            CapacityLimiter limiter = CapacityLimiter.create(1);
            limiter.acquire();
            try (var scope = TaskScope.open()) {
                for (int i = 0; i < 4; i++) {
                    int id = i;
                    scope.spawn(() -> {
                        limiter.acquire();
                        order.add(id);
                        limiter.release();
                    });
                    SyncTesting.awaitUntil(() -> limiter.statistics().waiters() == id + 1);
                }
                limiter.release();
                scope.join();
            }
        });
        assertEquals(List.of(0, 1, 2, 3), order);
    }

    @Test
    void raisingTheTotalLetsWaitersInAndLoweringItRevokesNothing() {
        Weft.run(() -> {
            CapacityLimiter limiter = CapacityLimiter.create(1);
            limiter.acquire();
            Event checked = Event.create();
            try (var scope = TaskScope.open()) {
                for (int i = 0; i < 2; i++) {
                    scope.spawn(() -> {
                        limiter.acquire();
                        checked.awaitSet();
                        limiter.release();
                    });
                }
                SyncTesting.awaitUntil(() -> limiter.statistics().waiters() == 2);
                limiter.setTotalTokens(3);
                assertEquals(3, limiter.borrowedTokens(), "both waiters got a token at once");
                limiter.setTotalTokens(1);
                assertEquals(3, limiter.borrowedTokens(), "lowering the total takes nothing back");
                assertEquals(0, limiter.availableTokens());
                checked.set();
                scope.join();
            }
            assertFalse(limiter.tryAcquireOnBehalfOf("x"), "1 total, and main still holds one");
            limiter.release();
            assertTrue(limiter.tryAcquireOnBehalfOf("x"));
        });
    }

    @Test
    void aCancelledWaiterTakesNoToken() {
        Weft.run(() -> {
            CapacityLimiter limiter = CapacityLimiter.create(1);
            limiter.acquire();
            try (var scope = TaskScope.open()) {
                Task<Void> waiter = scope.spawn(limiter::acquire);
                SyncTesting.awaitUntil(() -> limiter.statistics().waiters() == 1);
                waiter.cancel("gone");
                scope.join();
            }
            assertThrows(DeadlineExceededException.class,
                    () -> Weft.failAfter(Duration.ofMillis(5), () -> limiter.acquireOnBehalfOf("late")));
            assertEquals(new CapacityLimiter.Statistics(1, 1, List.of(Weft.currentTask()), 0), limiter.statistics());
            limiter.release();
            assertEquals(0, limiter.borrowedTokens());
            SyncTesting.whileCancelled(() -> assertThrows(CancelledException.class, limiter::acquire));
            assertEquals(0, limiter.borrowedTokens(), "acquire is a checkpoint even with tokens free");
        });
    }

    @Test
    void theSameBorrowerCannotWaitTwice() {
        Weft.run(() -> {
            CapacityLimiter limiter = CapacityLimiter.create(1);
            limiter.acquire();
            Object borrower = new Object();
            try (var scope = TaskScope.open()) {
                scope.spawn(() -> limiter.acquireOnBehalfOf(borrower));
                SyncTesting.awaitUntil(() -> limiter.statistics().waiters() == 1);
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> limiter.acquireOnBehalfOf(borrower));
                assertTrue(e.getMessage().contains("already waiting"), e.getMessage());
                limiter.release();
                scope.join();
            }
            assertEquals(List.of(borrower), limiter.statistics().borrowers());
            limiter.releaseOnBehalfOf(borrower);
        });
    }
}

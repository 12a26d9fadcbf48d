package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a CancelScope reports about itself: reason, kind, deadlines, and its description. */
@Timeout(10)
class CancelScopeStateTest {

    @Test
    void theFirstCancellationWinsAndLaterOnesChangeNothing() {
        Weft.run(() -> {
            String[] seen = new String[1];
            boolean finished = Weft.moveOnAfter(Duration.ofMinutes(1), () -> {
                CancelScope scope = CancelScope.current();
                scope.cancel("first");
                scope.cancel("second");
                scope.setDeadline(Loop.current().time()); // a deadline passing later does not make it a timeout
                try {
                    Weft.checkCancelled();
                } catch (CancelledException e) {
                    seen[0] = e.getMessage();
                    throw e;
                }
            });
            assertFalse(finished, "the block's own scope caught its cancellation");
            assertEquals("first", seen[0]);
        });
    }

    @Test
    void aCancellationWithoutAReasonSaysCancelled() {
        Weft.run(() -> {
            CancelledException e = assertThrows(CancelledException.class, () -> Weft.shield(() -> {
                CancelScope.current().cancel(null);
                Weft.checkCancelled();
            }));
            assertEquals("cancelled", e.getMessage());
        });
    }

    @Test
    void onlyAShieldSaysItIsShielded() {
        Weft.run(() -> {
            assertFalse(CancelScope.current().isShielded(), "a task's root");
            Weft.failAfter(Duration.ofMinutes(1), () -> assertFalse(CancelScope.current().isShielded(), "a deadline block"));
            Weft.shield(() -> assertTrue(CancelScope.current().isShielded()));
        });
    }

    @Test
    void aShieldHidesTheDeadlinesOutsideIt() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> Weft.failAfter(Duration.ofSeconds(5), () -> {
                long outer = CancelScope.current().deadline();
                assertEquals(Duration.ofSeconds(5).toNanos(), outer);
                Weft.shield(() -> {
                    assertEquals(Long.MAX_VALUE, CancelScope.current().effectiveDeadline());
                    Weft.failAfter(Duration.ofSeconds(9), () -> assertEquals(Duration.ofSeconds(9).toNanos(),
                            CancelScope.current().effectiveDeadline(), "the outer 5 s deadline is behind the shield"));
                });
            }));
        }
    }

    @Test
    void theDescriptionNamesTheKindTheCancellationAndTheDeadline() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                assertEquals("CancelScope[task]", CancelScope.current().toString());
                Weft.shield(() -> assertEquals("CancelScope[shield]", CancelScope.current().toString()));
                assertThrows(DeadlineExceededException.class, () -> Weft.failAfter(Duration.ofSeconds(2), () -> {
                    CancelScope scope = CancelScope.current();
                    assertEquals("CancelScope[block, deadline=2000000000]", scope.toString());
                    scope.cancel("why");
                    assertEquals("CancelScope[block, cancelled: why, deadline=2000000000]", scope.toString());
                    Weft.checkCancelled();
                }));
                try (TaskScope scope = TaskScope.open()) {
                    assertEquals("CancelScope[scope body]", CancelScope.current().toString());
                    scope.join();
                }
            });
        }
    }
}

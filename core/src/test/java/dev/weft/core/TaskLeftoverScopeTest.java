package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A task whose body returns with scopes still open (no try-with-resources): Weft logs it,
 * cancels and closes them, innermost first, and the task's outcome carries what closing threw.
 */
@Timeout(10)
class TaskLeftoverScopeTest {
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void aScopeLeftOpenIsCancelledClosedAndLogged() {
        log.quiet();
        AtomicReference<Task<String>> child = new AtomicReference<>();
        Weft.run(() -> {
            try (TaskScope outer = TaskScope.openSupervisor()) {
                Task<String> careless = outer.spawn("careless", () -> {
                    TaskScope leftOpen = TaskScope.open("left-open");
                    child.set(leftOpen.spawn(() -> {
                        Weft.sleep(Duration.ofMinutes(1));
                        return "never";
                    }));
                    return "returned";
                });
                outer.join();
                IllegalStateException e = assertThrows(IllegalStateException.class, careless::join,
                        "closing a scope with running tasks and no join() is the close rule's error");
                assertTrue(e.getMessage().contains("left-open"), e.getMessage());
            }
        });
        assertEquals(Task.State.CANCELLED, child.get().state(), "the leftover scope's task was cancelled");
        List<String> errors = messages(log.events(Level.ERROR));
        assertTrue(errors.stream().anyMatch(m -> m.contains("'careless'") && m.contains("'left-open'")
                && m.contains("still open")), errors.toString());
    }

    @Test
    void aScopeLeftOpenWithNothingRunningClosesQuietlyAndKeepsTheResult() {
        log.quiet();
        String result = Weft.run(() -> {
            try (TaskScope outer = TaskScope.open()) {
                Task<String> careless = outer.spawn(() -> {
                    TaskScope.open("empty");
                    return "returned";
                });
                outer.join();
                return careless.resultNow();
            }
        });
        assertEquals("returned", result);
        assertEquals(1, log.events(Level.ERROR).size(), messages(log.events(Level.ERROR)).toString());
    }

    @Test
    void twoScopesLeftOpenAreBothClosedInnermostFirst() {
        log.quiet();
        Weft.run(() -> {
            try (TaskScope outer = TaskScope.open()) {
                outer.spawn(() -> {
                    TaskScope.open("first");
                    TaskScope.open("second");
                    return null;
                });
                outer.join();
            }
        });
        List<String> errors = messages(log.events(Level.ERROR));
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("'second'"), errors.toString());
        assertTrue(errors.get(1).contains("'first'"), errors.toString());
    }

    @Test
    void aFailureOfALeftoverScopeFailsTheTask() {
        log.quiet();
        IllegalStateException boom = new IllegalStateException("boom");
        Weft.run(() -> {
            try (TaskScope outer = TaskScope.openSupervisor()) {
                Task<String> careless = outer.spawn(() -> {
                    leaveOpenWithAFailedTask(boom);
                    return "returned";
                });
                outer.join();
                TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, careless::join);
                assertEquals(List.of(boom), e.failures());
            }
        });
    }

    @Test
    void whenTheBodyFailedTooTheLeftoverScopesFailureIsSuppressedInIt() {
        log.quiet();
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalArgumentException bodyFailure = new IllegalArgumentException("the body's own failure");
        Weft.run(() -> {
            try (TaskScope outer = TaskScope.openSupervisor()) {
                Task<String> careless = outer.spawn(() -> {
                    leaveOpenWithAFailedTask(boom);
                    throw bodyFailure;
                });
                outer.join();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, careless::join);
                assertSame(bodyFailure, e);
                assertTrue(Arrays.stream(e.getSuppressed()).anyMatch(s -> s instanceof TaskScopeFailedException f
                        && f.failures().equals(List.of(boom))), Arrays.toString(e.getSuppressed()));
            }
        });
    }

    /**
     * Opens scope 'left-open' without closing it and waits, shielded, until its one task failed
     * with {@code failure} (the failure cancels the caller's body; the shield keeps it from seeing it).
     */
    private static void leaveOpenWithAFailedTask(RuntimeException failure) {
        TaskScope leftOpen = TaskScope.open("left-open");
        Task<Object> failing = leftOpen.spawn(() -> {
            throw failure;
        });
        Weft.shield(() -> Weft.wait(List.of(failing), ReturnWhen.ALL_COMPLETED));
    }

    private static List<String> messages(List<ILoggingEvent> events) {
        return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void theTasksOfAScopeLeftOpenAreToldWhyTheyWereCancelled() {
        log.quiet();
        AtomicReference<Task<Void>> child = new AtomicReference<>();
        Weft.run(() -> {
            try (TaskScope outer = TaskScope.openSupervisor()) {
                outer.spawn(() -> {
                    TaskScope leftOpen = TaskScope.open("left-open");
                    child.set(leftOpen.spawn(() -> Weft.sleep(Duration.ofMinutes(1))));
                    return "returned";
                });
                outer.join();
            }
        });
        String why = assertThrows(CancelledException.class, child.get()::join).getMessage();
        assertTrue(why.contains("its task ended without closing it"), why);
    }
}

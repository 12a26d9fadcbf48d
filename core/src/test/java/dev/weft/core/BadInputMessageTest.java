package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** Bad input gets an exception whose message says what was wrong. */
@Timeout(10)
class BadInputMessageTest {

    private static void assertMessage(Class<? extends Throwable> type, String fragment, Executable call) {
        Throwable e = assertThrows(type, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(fragment),
                "message '" + e.getMessage() + "' does not contain '" + fragment + "'");
    }

    @Test
    void nullBodiesAndCallbacksAreNamed() {
        assertMessage(NullPointerException.class, "Weft.run: main", () -> Weft.run((Body<Object, RuntimeException>) null));
        try (Loop loop = Loop.open()) {
            assertMessage(NullPointerException.class, "callSoon: the callback", () -> loop.callSoon(null));
            assertMessage(NullPointerException.class, "callAt: the callback", () -> loop.callAt(0, null));
            assertMessage(NullPointerException.class, "spawn: the task body", () -> loop.spawn((Callable<Object>) null));
            assertMessage(NullPointerException.class, "spawn: the task body", () -> loop.spawn((Action<?>) null));
            assertMessage(NullPointerException.class, "runUntilComplete: main",
                    () -> loop.runUntilComplete((Body<Object, RuntimeException>) null));
        }
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                assertMessage(NullPointerException.class, "spawn: the task body", () -> scope.spawn((Callable<Object>) null));
                assertMessage(NullPointerException.class, "spawn: the task name", () -> scope.spawn(null, () -> 1));
                Task<Integer> t = scope.spawn(() -> 1);
                assertMessage(NullPointerException.class, "onDone: the callback", () -> t.onDone(null));
                scope.join();
            }
            assertMessage(NullPointerException.class, "Weft.failAfter: the body",
                    () -> Weft.failAfter(Duration.ofSeconds(1), (Body<Object, RuntimeException>) null));
            assertMessage(NullPointerException.class, "Weft.moveOnAfter: the body",
                    () -> Weft.moveOnAfter(Duration.ofSeconds(1), null));
            assertMessage(NullPointerException.class, "Weft.shield: the body",
                    () -> Weft.shield((Body<Object, RuntimeException>) null));
            assertMessage(NullPointerException.class, "Weft.toThread: the body", () -> Weft.toThread(null));
            assertMessage(NullPointerException.class, "Weft.waitFor: the task", () -> Weft.waitFor(null, Duration.ZERO));
            assertMessage(NullPointerException.class, "Weft.waitFor: the task", () -> Weft.waitFor(null));
            assertMessage(NullPointerException.class, "Weft.cancelScope: the body", () -> Weft.cancelScope(null));
            assertMessage(NullPointerException.class, "Weft.failAt: the body",
                    () -> Weft.failAt(0, (Body<Object, RuntimeException>) null));
            assertMessage(NullPointerException.class, "Weft.moveOnAt: the body", () -> Weft.moveOnAt(0, null));
            assertMessage(NullPointerException.class, "Weft.await: the completion stage",
                    () -> Weft.await((java.util.concurrent.CompletionStage<Object>) null));
            assertMessage(NullPointerException.class, "Weft.await: the future",
                    () -> Weft.await((java.util.concurrent.Future<Object>) null));
            assertMessage(NullPointerException.class, "Weft.gather: the list of calls",
                    () -> Weft.gather((List<Callable<Object>>) null));
            assertMessage(NullPointerException.class, "Weft.race: call #0 is null",
                    () -> Weft.race(java.util.Arrays.asList((Callable<Object>) null)));
            assertMessage(NullPointerException.class, "Weft.gatherSettled: the list of calls",
                    () -> Weft.gatherSettled((List<Callable<Object>>) null));
            assertMessage(NullPointerException.class, "Weft.gatherSettled: call #1 is null",
                    () -> Weft.gatherSettled(java.util.Arrays.asList(() -> 1, null)));
        });
    }

    @Test
    void aNullTimeoutSaysZeroMeansAtOnceAndNamesTheFormWithoutATimeout() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Integer> t = scope.spawn(() -> 1);
                NullPointerException e = assertThrows(NullPointerException.class, () -> Weft.waitFor(t, null));
                assertFalse(e.getMessage().contains("Duration.ZERO for none"), e.getMessage());
                assertTrue(e.getMessage().contains("Weft.waitFor(task)"), e.getMessage());
                scope.join();
            }
            for (Executable call : List.<Executable>of(
                    () -> Weft.failAfter(null, () -> { }),
                    () -> Weft.moveOnAfter(null, () -> { }),
                    () -> Weft.sleep(null))) {
                NullPointerException e = assertThrows(NullPointerException.class, call);
                assertTrue(e.getMessage().contains("Duration.ZERO means at once"), e.getMessage());
            }
        });
    }

    @Test
    void negativeDurationsAreRejectedWithTheValue() {
        Duration negative = Duration.ofMillis(-5);
        try (Loop loop = Loop.open()) {
            assertMessage(IllegalArgumentException.class, "callLater: the duration is negative (PT-0.005S)",
                    () -> loop.callLater(negative, () -> {}));
        }
        Weft.run(() -> {
            assertMessage(IllegalArgumentException.class, "Weft.sleep: the duration is negative", () -> Weft.sleep(negative));
            assertMessage(IllegalArgumentException.class, "Weft.failAfter: the duration is negative",
                    () -> Weft.failAfter(negative, () -> 1));
            assertMessage(IllegalArgumentException.class, "Weft.moveOnAfter: the duration is negative",
                    () -> Weft.moveOnAfter(negative, () -> {}));
            assertMessage(IllegalArgumentException.class, "setDeadlineAfter: the duration is negative",
                    () -> CancelScope.current().setDeadlineAfter(negative));
            assertMessage(NullPointerException.class, "Weft.sleep: the duration is null", () -> Weft.sleep(null));
        });
    }

    @Test
    void stateErrorsSayWhatWasWrong() {
        Loop closed = Loop.open();
        closed.close();
        assertMessage(IllegalStateException.class, "is closed", closed::runForever);
        Weft.run(() -> {
            assertMessage(IllegalStateException.class, "tried to join itself", () -> Weft.currentTask().join());
            Promise<String> p = Promise.create();
            assertMessage(IllegalStateException.class, "has no result yet", p::resultNow);
            p.complete("a");
            assertMessage(IllegalStateException.class, "already completed with a", () -> p.complete("b"));
            TaskScope scope = TaskScope.open("gone");
            scope.close();
            assertMessage(IllegalStateException.class, "cannot spawn into TaskScope 'gone': it is closed",
                    () -> scope.spawn(() -> 1));
        });
    }
}

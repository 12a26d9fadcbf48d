package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a deadline block reports when its own cancel scope ends it: a failure from the
 * unwinding propagates (asyncio's timeout + TaskGroup; twin {@code timeout_scope_failure.py}),
 * and a block's own scope absorbs its own cancellation, by deadline or by hand (Trio).
 */
@Timeout(10)
class DeadlineVerdictTest {
    private static final Duration LONG = Duration.ofMinutes(1);

    // ---- a failure while the deadline unwinds the block -----------------------------------

    @Test
    void failAfterThrowsAChildFailureFromTheUnwindingNotTheTimeout() {
        IllegalStateException cleanup = new IllegalStateException("cleanup failed");
        TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(
                () -> Weft.failAfter(LONG, () -> childFailsAsTheDeadlineUnwinds(() -> cleanup))));
        assertEquals(List.of(cleanup), e.failures());
    }

    @Test
    void moveOnAfterThrowsAChildFailureFromTheUnwinding() {
        IllegalStateException cleanup = new IllegalStateException("cleanup failed");
        TaskScopeFailedException e = assertThrows(TaskScopeFailedException.class, () -> Weft.run(
                () -> Weft.moveOnAfter(LONG, () -> childFailsAsTheDeadlineUnwinds(() -> cleanup))));
        assertEquals(List.of(cleanup), e.failures());
    }

    @Test
    void failAfterWithAFailingChildGivesTheSameTraceAsAsyncioTimeoutAndTaskGroup() throws Exception {
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        Weft.run(() -> {
            try {
                Weft.failAfter(LONG, () -> childFailsAsTheDeadlineUnwinds(() -> {
                    trace.add("child: cancelled, cleanup raises");
                    return new IllegalArgumentException("cleanup failed");
                }));
                trace.add("block finished");
            } catch (DeadlineExceededException e) {
                trace.add("block timed out");
            } catch (TaskScopeFailedException e) {
                trace.add("block raised the child's failures: " + e.failures().stream()
                        .map(f -> "'" + f.getMessage() + "'").collect(Collectors.joining(", ", "[", "]")));
            }
            trace.add("task still cancelled: " + (Weft.currentTask().isCancelRequested() ? "True" : "False"));
        });
        PythonTwin.assertSameTrace("timeout_scope_failure", trace);
    }

    /**
     * Inside a deadline block: opens a scope whose child, once cancelled, fails with what
     * {@code cleanup} gives; once the child runs, moves the block's deadline to now and joins.
     */
    private static void childFailsAsTheDeadlineUnwinds(Supplier<RuntimeException> cleanup) {
        CancelScope block = CancelScope.current();
        try (TaskScope scope = TaskScope.open()) {
            Promise<Void> started = Promise.create();
            scope.spawn(() -> {
                try {
                    started.complete(null);
                    Weft.sleep(LONG);
                } catch (CancelledException c) {
                    throw cleanup.get();
                }
            });
            started.join(); // a child cancelled before it starts has no cleanup to fail
            block.setDeadline(Loop.current().time());
            scope.join();
        }
    }

    // ---- a block's own scope cancelled by hand --------------------------------------------

    @Test
    void moveOnAfterAbsorbsItsOwnScopeCancelledByHand() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Boolean> t = scope.spawn(() -> Weft.moveOnAfter(LONG, () -> {
                    CancelScope.current().cancel("by hand");
                    Weft.sleep(LONG);
                }));
                scope.join();
                assertEquals(Task.State.SUCCESS, t.state());
                assertFalse(t.resultNow(), "the block was cut short");
                assertFalse(t.isCancelRequested());
            }
        });
    }

    /**
     * Trio's fail_after raises TooSlowError whenever its scope caught its own cancellation
     * ({@code if scope.cancelled_caught: raise TooSlowError}), by deadline or by
     * {@code cs.cancel()}: failAfter, which has no value to return, does the same.
     */
    @Test
    void failAfterReportsItsOwnScopeCancelledByHandAsDeadlineExceeded() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Task<String> t = scope.spawn(() -> Weft.failAfter(LONG, () -> {
                    CancelScope.current().cancel("by hand");
                    Weft.sleep(LONG);
                    return "finished";
                }));
                scope.join();
                assertEquals(Task.State.FAILED, t.state());
                DeadlineExceededException e = assertInstanceOf(DeadlineExceededException.class, t.exceptionNow());
                assertTrue(e.getMessage().contains("by hand"), e.getMessage());
                assertFalse(t.isCancelRequested());
            }
        });
    }

    @Test
    void ownScopeCancelledByAnotherTaskEndsOnlyTheBlock() {
        Weft.run(() -> {
            Promise<CancelScope> inside = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<String> t = scope.spawn(() -> {
                    boolean finished = Weft.moveOnAfter(LONG, () -> {
                        inside.complete(CancelScope.current());
                        Weft.sleep(LONG);
                    });
                    Weft.sleep(Duration.ofMillis(1)); // the task goes on
                    return "finished=" + finished;
                });
                inside.join().cancel("stop the block");
                assertEquals("finished=false", t.join());
                scope.join();
            }
        });
    }

    @Test
    void outerCancellationStillPropagatesThroughAHandCancelledBlock() {
        Weft.run(() -> {
            Promise<Void> inside = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Promise<Void> outsideCancelled = Promise.create();
                Task<Boolean> t = scope.spawn(() -> Weft.moveOnAfter(LONG, () -> {
                    CancelScope.current().cancel("by hand");
                    try {
                        Weft.sleep(LONG);
                    } finally {
                        Weft.shield(() -> {
                            inside.complete(null);
                            outsideCancelled.join();
                        });
                    }
                }));
                inside.join();
                t.cancel("from outside");
                outsideCancelled.complete(null);
                assertThrows(CancelledException.class, t::join);
                assertEquals(Task.State.CANCELLED, t.state());
                scope.join();
            }
        });
    }
}

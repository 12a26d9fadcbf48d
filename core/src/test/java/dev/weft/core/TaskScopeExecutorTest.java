package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TaskScope.asExecutor(): an ExecutorService whose submissions are tasks of the scope. */
@Timeout(20)
class TaskScopeExecutorTest {

    @Test
    void submissionsAreTasksOfTheScopeOnItsLoop() {
        Weft.run(() -> {
            Loop loop = Loop.current();
            try (TaskScope scope = TaskScope.open()) {
                ExecutorService executor = scope.asExecutor();
                Future<Loop> submitted = executor.submit(Loop::current);
                assertInstanceOf(Task.class, submitted);
                CompletableFuture<String> async = CompletableFuture.supplyAsync(() -> "async", executor);
                scope.join();
                assertSame(loop, ((Task<Loop>) submitted).resultNow());
                assertEquals("async", async.join());
            }
        });
    }

    @Test
    void invokeAllRunsEachCallableAsATask() throws Exception {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                List<Callable<Integer>> work = List.of(() -> 1, () -> 2, () -> 3);
                List<Future<Integer>> done = scope.asExecutor().invokeAll(work);
                assertEquals(List.of(1, 2, 3), done.stream().map(Future::resultNow).toList());
                scope.join();
            }
        });
    }

    @Test
    void aRunnableThatThrowsFailsAFailFastScope() {
        TaskScopeFailedException failed = assertThrows(TaskScopeFailedException.class, () -> Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                scope.asExecutor().execute(() -> {
                    throw new IllegalStateException("from a library callback");
                });
                scope.join();
            }
        }));
        assertTrue(mentions(failed, "from a library callback"), failed.toString());
    }

    private static boolean mentions(Throwable t, String message) {
        if (t == null) {
            return false;
        }
        if (message.equals(t.getMessage())) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (mentions(s, message)) {
                return true;
            }
        }
        return mentions(t.getCause(), message);
    }

    @Test
    void shutdownNowCancelsItsTasksAndRefusesNewWorkWhileTheScopeGoesOn() throws Exception {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                ExecutorService executor = scope.asExecutor();
                Task<?> sleeper = (Task<?>) executor.submit(() -> Weft.sleep(Duration.ofDays(1)));
                assertFalse(executor.isTerminated());
                assertEquals(List.of(), executor.shutdownNow());
                assertTrue(executor.isShutdown());
                assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
                assertTrue(executor.isTerminated());
                assertTrue(sleeper.isCancelled());
                RejectedExecutionException refused = assertThrows(RejectedExecutionException.class,
                        () -> executor.execute(() -> {}));
                assertTrue(refused.getMessage().contains("shut down"), refused.getMessage());
                Task<String> still = scope.spawn(() -> "the scope still spawns");
                scope.join();
                assertEquals("the scope still spawns", still.resultNow());
            }
        });
    }

    @Test
    void awaitTerminationTimesOutWhileATaskRuns() throws Exception {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                ExecutorService executor = scope.asExecutor();
                Event release = Event.create();
                executor.execute(release::awaitSet);
                executor.shutdown();
                assertFalse(executor.awaitTermination(1, TimeUnit.MILLISECONDS));
                release.set();
                assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
                scope.join();
            }
        });
    }

    @Test
    void submittingAfterTheScopeClosedIsRejectedWithTheScopesReason() {
        Weft.run(() -> {
            ExecutorService executor;
            try (TaskScope scope = TaskScope.open("closed-one")) {
                executor = scope.asExecutor();
            }
            RejectedExecutionException refused = assertThrows(RejectedExecutionException.class,
                    () -> executor.submit(() -> 1));
            assertTrue(refused.getMessage().contains("closed-one") && refused.getMessage().contains("closed"),
                    refused.getMessage());
        });
    }
}

package dev.weft.core;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;

/** Helpers for the tests of the sync primitives and of waiting for tasks. */
final class SyncTesting {
    private SyncTesting() {}

    /**
     * Waits (up to 5 s, polling every millisecond) until {@code condition} holds: used to wait
     * until a task is queued in a primitive, as its statistics show, before acting on it.
     */
    static void awaitUntil(Callable<Boolean> condition) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(condition);
    }

    /** Runs {@code body} inside a cancel scope that is cancelled already: every checkpoint throws. */
    static void whileCancelled(Action<RuntimeException> body) {
        Weft.shield(() -> {
            CancelScope.current().cancel("cancelled by the test");
            body.run();
        });
    }

    /**
     * Spawns a task that sleeps (an hour) until cancelled and then ends with what
     * {@code onCancel} gives (returns or throws); returns once the task runs, since a task
     * cancelled before it starts never reaches its catch.
     */
    static Task<String> spawnSleeper(TaskScope scope, Callable<String> onCancel) {
        Promise<Void> started = Promise.create();
        Task<String> t = scope.spawn(() -> {
            try {
                started.complete(null);
                Weft.sleep(Duration.ofHours(1));
                return "slept an hour";
            } catch (CancelledException e) {
                return onCancel.call();
            }
        });
        started.join();
        return t;
    }
}

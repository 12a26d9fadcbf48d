package dev.weft.core;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;

/** Helpers for the sync primitives' tests. */
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
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code sleep(0)} lets the other ready tasks run, and a cancellation that one of them makes
 * meanwhile is seen before it returns (on a FIFO virtual-time loop the order is fixed).
 */
@Timeout(10)
class SleepZeroCheckpointTest {

    @Test
    void aCancelMadeWhileSleepZeroYieldsIsSeenBeforeItReturns() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                AtomicBoolean returned = new AtomicBoolean();
                Promise<Void> started = Promise.create();
                try (TaskScope scope = TaskScope.open()) {
                    Task<Void> yielding = scope.spawn(() -> {
                        started.complete(null);
                        Weft.sleep(Duration.ZERO); // the test's task runs here and cancels this one
                        returned.set(true);
                    });
                    started.join();
                    yielding.cancel("while it yielded");
                    scope.join();
                    assertEquals(Task.State.CANCELLED, yielding.state());
                }
                assertFalse(returned.get(), "sleep(0) returned although the task was cancelled during it");
            });
        }
    }
}

package org.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.core.DeadlineExceededException;
import dev.weft.core.Weft;
import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Weft's virtual clock from a user's test: a one-hour timeout in milliseconds. */
class VirtualTimeTest {
    @Test
    void anHourLongTimeoutFiresOnVirtualTime() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                assertThrows(DeadlineExceededException.class,
                        () -> Weft.failAfter(Duration.ofHours(1), () -> App.after(Duration.ofDays(1), "late")));
                assertEquals(Duration.ofHours(1).toNanos(), test.now());
            });
        }
    }
}

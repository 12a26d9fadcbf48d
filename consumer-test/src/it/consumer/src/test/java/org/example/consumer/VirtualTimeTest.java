package org.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.core.DeadlineExceededException;
import dev.weft.core.Weft;
import dev.weft.core.testing.TestLoop;
import dev.weft.testing.WeftTest;
import java.time.Duration;

/** Weft's test kit from a user's test: a one-hour timeout on virtual time, in milliseconds. */
class VirtualTimeTest {
    @WeftTest
    void anHourLongTimeoutFiresOnVirtualTime(TestLoop loop) {
        assertThrows(DeadlineExceededException.class,
                () -> Weft.failAfter(Duration.ofHours(1), () -> App.after(Duration.ofDays(1), "late")));
        assertEquals(Duration.ofHours(1).toNanos(), loop.now());
    }
}

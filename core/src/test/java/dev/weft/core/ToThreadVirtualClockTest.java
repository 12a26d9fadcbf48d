package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Work handed to a thread by toThread holds a TestLoop's virtual clock while it runs. */
@Timeout(10)
class ToThreadVirtualClockTest {

    @Test
    void aDeadlineDoesNotPassWhileToThreadWorkRuns() throws Exception {
        try (TestLoop test = TestLoop.open()) {
            String result = test.run(() -> Weft.failAfter(Duration.ofSeconds(1), () -> Weft.toThread(() -> {
                Thread.sleep(100); // real work on a platform thread, not synchronisation
                return "finished";
            })));
            assertEquals("finished", result);
            assertEquals(0, test.now(), "virtual time moved while the thread worked");
        }
    }
}

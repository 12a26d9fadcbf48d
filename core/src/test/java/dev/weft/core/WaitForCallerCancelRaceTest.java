package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Weft.waitFor when the caller is cancelled at the moment the task returns a value: the
 * value must come back whichever of the two landed first (a result may hold a connection).
 */
@Timeout(120)
class WaitForCallerCancelRaceTest {
    private static final int ROUNDS = 2_000;

    @Test
    void aValueReturnedAsTheCallerIsCancelledIsNeverDropped() {
        List<String> lost = new ArrayList<>();
        Weft.run(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                Promise<Void> gate = Promise.create();
                Promise<Void> waiting = Promise.create();
                Promise<Void> innerRunning = Promise.create();
                try (TaskScope scope = TaskScope.openSupervisor()) {
                    Task<String> inner = scope.spawn(() -> {
                        innerRunning.complete(null);
                        try {
                            gate.join();
                        } catch (CancelledException e) {
                            // cancelled by waitFor: it still returns its value
                        }
                        return "v";
                    });
                    Task<String> caller = scope.spawn(() -> {
                        waiting.complete(null);
                        return Weft.waitFor(inner);
                    });
                    innerRunning.join();
                    waiting.join();
                    Weft.sleep(java.time.Duration.ZERO); // let the caller reach its wait
                    if (round % 2 == 0) {
                        gate.complete(null);
                        caller.cancel("race");
                    } else {
                        caller.cancel("race");
                        gate.complete(null);
                    }
                    try {
                        String v = caller.join();
                        assertEquals("v", v);
                    } catch (CancelledException e) {
                        if ("v".equals(inner.join())) {
                            lost.add("round " + round);
                        }
                    }
                    scope.join();
                }
            }
        });
        assertEquals(List.of(), lost, "waitFor threw the caller's cancellation and dropped the value the task returned");
    }
}

package dev.weft.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A seed fixes the order in which a confined loop picks among ready tasks. */
class TestLoopSeedTest {

    private static List<String> interleaving(TestLoop test) {
        return test.run(() -> {
            List<String> log = new ArrayList<>();
            try (var scope = TaskScope.open()) {
                for (String name : List.of("a", "b", "c", "d")) {
                    scope.spawn(() -> {
                        for (int i = 0; i < 5; i++) {
                            log.add(name + i);
                            Weft.yieldNow();
                        }
                    });
                }
                scope.join();
            }
            return log;
        });
    }

    @Test
    void sameSeedReplaysTheSameInterleaving() {
        List<String> first;
        List<String> second;
        try (TestLoop test = TestLoop.openWithSeed(1234)) {
            first = interleaving(test);
        }
        try (TestLoop test = TestLoop.openWithSeed(1234)) {
            second = interleaving(test);
        }
        assertEquals(first, second);
    }

    @Test
    void seededOrderDiffersFromFifoRoundRobin() {
        List<String> fifo;
        try (TestLoop test = TestLoop.open()) {
            fifo = interleaving(test);
        }
        List<String> seeded;
        try (TestLoop test = TestLoop.openWithSeed(99)) {
            seeded = interleaving(test);
        }
        assertEquals(List.of("a0", "b0", "c0", "d0", "a1"), fifo.subList(0, 5), "FIFO is round-robin");
        assertNotEquals(fifo, seeded);
        assertEquals(20, seeded.size());
    }
}

package dev.weft.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Loop.stop() follows asyncio's batch rule; the trace is compared with CPython's. */
@Timeout(10)
class LoopStopBatchTest {

    @Test
    void stopRunsTheReadyBatchOnceThenReturnsAsAsyncioDoes() throws Exception {
        List<String> trace = new CopyOnWriteArrayList<>();
        try (Loop loop = Loop.open()) {
            // Scenario 1: stop() from a callback.
            loop.callSoon(() -> {
                trace.add("1: a");
                loop.callSoon(() -> trace.add("1: x (scheduled by a before stop)"));
                loop.stop();
                loop.callSoon(() -> trace.add("1: y (scheduled by a after stop)"));
            });
            loop.callSoon(() -> trace.add("1: b (ready with a)"));
            loop.runForever();
            trace.add("1: run_forever returned");
            loop.callSoon(loop::stop);
            loop.runForever();
            trace.add("1: second run_forever returned");

            // Scenario 2: stop() while not running, then callSoon, then runForever.
            loop.stop();
            loop.callSoon(() -> {
                trace.add("2: c (scheduled after stop, before the run)");
                loop.callSoon(() -> trace.add("2: d (scheduled by c)"));
            });
            loop.runForever();
            trace.add("2: run_forever returned");
            loop.callSoon(loop::stop);
            loop.runForever();
            trace.add("2: second run_forever returned");

            // Scenario 3: stop() while not running, nothing queued.
            loop.stop();
            loop.runForever();
            trace.add("3: run_forever returned");
        }
        PythonTwin.assertSameTrace("loop_stop_batch", trace);
    }
}

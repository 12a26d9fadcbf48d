package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/** toThread carries the caller's TaskLocal values and MDC into the thread (asyncio copies contextvars). */
@Timeout(10)
class ToThreadContextTest {
    private static final TaskLocal<String> REQUEST_ID = TaskLocal.of("requestId", "-");

    @Test
    void toThreadSeesTheCallersTaskLocalsAndKeepsItsOwnSetsToItself() throws Exception {
        List<String> trace = new ArrayList<>();
        Weft.run(() -> {
            trace.add("task before " + REQUEST_ID.get());
            REQUEST_ID.set("r-42");
            trace.add("task set " + REQUEST_ID.get());
            String result = Weft.toThread(() -> {
                trace.add("thread sees " + REQUEST_ID.get());
                REQUEST_ID.set("set-in-thread");
                trace.add("thread set " + REQUEST_ID.get());
                return "done";
            });
            trace.add("thread returned " + result);
            trace.add("task after " + REQUEST_ID.get());
        });
        PythonTwin.assertSameTrace("to_thread_context", trace);
    }

    @Test
    void toThreadSeesTheCallersMdc() {
        String seen = Weft.run(() -> {
            MDC.put("requestId", "r-7");
            try {
                return Weft.toThread(() -> MDC.get("requestId"));
            } finally {
                MDC.remove("requestId");
            }
        });
        assertEquals("r-7", seen);
    }

    @Test
    void aTaskWithoutMdcLeavesTheThreadWithoutOne() {
        String seen = Weft.run(() -> {
            MDC.clear();
            return Weft.toThread(() -> MDC.get("requestId"));
        });
        assertNull(seen);
    }

    @Test
    void theExecutorsThreadGetsItsOwnMdcAndTaskLocalsBackAfterTheBody() throws Exception {
        CompletableFuture<String> afterTheBody = new CompletableFuture<>();
        Executor ownThread = job -> Thread.ofPlatform().name("executor's thread").start(() -> {
            MDC.put("owner", "executor");
            job.run();
            afterTheBody.complete("MDC " + MDC.getCopyOfContextMap() + ", requestId " + REQUEST_ID.get());
        });
        Weft.run(() -> {
            MDC.put("requestId", "r-9");
            REQUEST_ID.set("r-9");
            try {
                assertEquals("r-9 r-9", Weft.toThread(ownThread, () -> MDC.get("requestId") + " " + REQUEST_ID.get()));
            } finally {
                MDC.remove("requestId");
            }
        });
        assertEquals("MDC " + Map.of("owner", "executor") + ", requestId -", afterTheBody.get(5, TimeUnit.SECONDS),
                "the thread keeps none of the caller's context once the body returns");
    }
}

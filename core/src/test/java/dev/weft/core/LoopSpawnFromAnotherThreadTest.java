package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * asyncio's run_coroutine_threadsafe: {@link Loop#spawn(java.util.concurrent.Callable)} from threads
 * that are not tasks, composed through {@link Task#toCompletableFuture()}.
 */
@Timeout(10)
class LoopSpawnFromAnotherThreadTest {

    @Test
    void spawnFromAForeignThreadReturnsAFutureOfTheResult() throws Exception {
        try (Loop loop = Loop.open()) {
            CompletableFuture<String> f = CompletableFuture
                    .supplyAsync(() -> loop.spawn(() -> {
                        Weft.sleep(Duration.ofMillis(1));
                        return Weft.currentTask().loop() == loop ? "on the loop" : "elsewhere";
                    }).toCompletableFuture())
                    .get(5, TimeUnit.SECONDS);
            assertEquals("on the loop", f.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void spawnedFailureCompletesTheFutureExceptionally() throws Exception {
        try (Loop loop = Loop.open()) {
            IllegalArgumentException boom = new IllegalArgumentException("bad");
            CompletableFuture<Object> f = loop.spawn(() -> {
                throw boom;
            }).toCompletableFuture();
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
            assertSame(boom, e.getCause());
        }
    }

    @Test
    void cancellingTheFutureCancelsTheTask() throws Exception {
        try (Loop loop = Loop.open()) {
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean sawCancel = new AtomicBoolean();
            CompletableFuture<Void> f = loop.<Void>spawn(() -> {
                started.countDown();
                try {
                    Weft.sleep(Duration.ofMinutes(1));
                } catch (CancelledException e) {
                    sawCancel.set(true);
                    throw e;
                }
                return null;
            }).toCompletableFuture();
            assertTrue(started.await(5, TimeUnit.SECONDS));
            assertTrue(f.cancel(true));
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.tasks().isEmpty());
            assertTrue(sawCancel.get());
        }
    }

    @Test
    void taskToCompletableFutureOfACancelledTaskIsCancellation() throws Exception {
        try (Loop loop = Loop.open()) {
            CountDownLatch started = new CountDownLatch(1);
            Task<Void> t = loop.spawn(() -> {
                started.countDown();
                Weft.sleep(Duration.ofMinutes(1));
            });
            CompletableFuture<Void> cf = t.toCompletableFuture();
            assertTrue(started.await(5, TimeUnit.SECONDS));
            t.cancel("stop it");
            assertThrows(java.util.concurrent.CancellationException.class, () -> cf.get(5, TimeUnit.SECONDS));
            assertTrue(cf.isCancelled());
            assertEquals(Task.State.CANCELLED, t.state());
        }
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Weft.await when the caller is cancelled at the moment the future completes: a value the
 * future got before await could cancel it is returned, not dropped (it may hold a response
 * body or a connection that nobody would close).
 */
@Timeout(120)
class AwaitCancelRaceTest {
    private static final int ROUNDS = 2_000;

    @Test
    void aValueThatLandsAsTheCallerIsCancelledIsNeverDropped() {
        List<String> lost = new ArrayList<>();
        Weft.run(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                Promise<Void> waiting = Promise.create();
                WatchedFuture future = new WatchedFuture(waiting);
                try (TaskScope scope = TaskScope.openSupervisor()) {
                    Task<String> caller = scope.spawn(() -> Weft.await(future));
                    waiting.join(); // await has looked at the future and is about to wait
                    if (round % 2 == 0) {
                        future.complete("v");
                        caller.cancel("race");
                    } else {
                        caller.cancel("race");
                        future.complete("v");
                    }
                    try {
                        assertEquals("v", caller.join());
                    } catch (CancelledException e) {
                        if (!future.isCancelled()) {
                            lost.add("round " + round); // it had the value, and await threw
                        }
                    }
                    scope.join();
                }
            }
        });
        assertEquals(List.of(), lost, "Weft.await threw the caller's cancellation and dropped the future's value");
    }

    /** Tells when Weft.await registers its wake-up on it: the caller found it pending. */
    private static final class WatchedFuture extends CompletableFuture<String> {
        private final Promise<Void> registered;

        WatchedFuture(Promise<Void> registered) {
            this.registered = registered;
        }

        @Override
        public CompletableFuture<String> whenComplete(java.util.function.BiConsumer<? super String, ? super Throwable> action) {
            CompletableFuture<String> dependent = super.whenComplete(action);
            registered.complete(null);
            return dependent;
        }
    }
}

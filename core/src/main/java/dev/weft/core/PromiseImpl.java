package dev.weft.core;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A promise: a {@link FutureCore} completed by user code. */
final class PromiseImpl<T> extends FutureCore<T> implements Promise<T> {

    private PromiseImpl(LoopImpl loop) {
        super(loop);
    }

    static <T> PromiseImpl<T> create() {
        return new PromiseImpl<>(Context.requireLoop("Promise.create()"));
    }

    static <T> PromiseImpl<T> on(LoopImpl loop) {
        return new PromiseImpl<>(loop);
    }

    @Override
    String describe() {
        return "promise";
    }

    @Override
    public void complete(T value) {
        if (!settle(SUCCESS, value, null)) {
            throw alreadyDone("complete(" + value + ")");
        }
    }

    @Override
    public void fail(Throwable failure) {
        Checks.notNull(failure, "Promise.fail: the failure");
        if (!settle(failure instanceof CancelledException ? CANCELLED : FAILED, null, failure)) {
            throw alreadyDone("fail(" + failure + ")");
        }
    }

    private IllegalStateException alreadyDone(String call) {
        String outcome = switch (stateCode()) {
            case SUCCESS -> "completed with " + valueUnchecked();
            case FAILED -> "failed with " + errorUnchecked();
            default -> "cancelled";
        };
        return new IllegalStateException(call + " on a promise that was already " + outcome
                + ": a promise is set once; use a Queue or a new Promise for more values");
    }

    @Override
    public boolean cancel(String reason) {
        return settle(CANCELLED, null, new CancelledException(reason == null ? "cancelled" : reason));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel("cancelled");
    }

    @Override
    public T join() {
        awaitDone();
        return report();
    }

    @Override
    public void onDone(Consumer<? super Promise<T>> callback) {
        onDoneInternal(this, callback);
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        return mirror(() -> cancel("its CompletableFuture was cancelled"));
    }
}

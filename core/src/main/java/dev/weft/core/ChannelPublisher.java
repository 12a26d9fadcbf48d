package dev.weft.core;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One subscription of {@code Flows.publisher}: a task that waits for demand, receives one item
 * from the channel, and hands it to the subscriber, until the channel ends or the subscription
 * is cancelled.
 *
 * <p>Implementation notes: {@code demand}, {@code cancelled} and {@code badRequest} are written
 * by any thread ({@code request}, {@code cancel}) and read by the pump task. Every write then
 * sets the current {@code changed} event and installs a fresh one; the pump reads the event
 * before it looks at the state and waits on it after, so no change is missed. All signals to
 * the subscriber come from the pump task, so they never overlap.
 */
final class ChannelPublisher<T> implements Flow.Subscription {
    private final AtomicLong demand = new AtomicLong();
    private final AtomicReference<Event> changed = new AtomicReference<>(Event.create());
    private volatile boolean cancelled;
    private volatile IllegalArgumentException badRequest;
    private volatile Task<?> pump;
    /** Set by the pump task as it starts; a task cancelled before it started never sets it. */
    private volatile boolean started;

    private ChannelPublisher() {}

    /** {@code Publisher.subscribe} of {@code Flows.publisher(scope, source)}. */
    static <T> void subscribe(TaskScope scope, ReceiveChannel<T> source, Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscribe: the subscriber is null (Reactive Streams rule 1.9)");
        ChannelPublisher<T> subscription = new ChannelPublisher<>();
        Task<Void> task;
        try {
            task = scope.spawn("Flow publisher of " + source, () -> subscription.run(source, subscriber));
        } catch (IllegalStateException closed) {
            subscriber.onSubscribe(subscription);
            subscriber.onError(closed);
            return;
        }
        subscription.pump = task;
        if (subscription.cancelled) {
            task.cancel("the subscription was cancelled");
        }
        task.onDone(t -> {
            if (!subscription.started) { // the scope was cancelled before the task ran: say so
                subscriber.onSubscribe(subscription);
                subscriber.onError(new CancelledException("TaskScope '" + scope.name()
                        + "' was cancelled before the subscription started"));
            }
        });
    }

    private void run(ReceiveChannel<T> source, Flow.Subscriber<? super T> subscriber) {
        started = true;
        try {
            subscriber.onSubscribe(this);
            while (true) {
                Event wait = changed.get();
                if (cancelled) {
                    return;
                }
                if (badRequest != null) {
                    cancelled = true;
                    subscriber.onError(badRequest);
                    return;
                }
                if (demand.get() == 0) {
                    wait.awaitSet();
                    continue;
                }
                T item;
                try {
                    item = source.receive();
                } catch (EndOfChannelException end) {
                    if (!cancelled) {
                        subscriber.onComplete();
                    }
                    return;
                } catch (ClosedResourceException closed) {
                    if (!cancelled) {
                        subscriber.onError(closed);
                    }
                    return;
                }
                if (cancelled) {
                    return;
                }
                demand.getAndUpdate(d -> d == Long.MAX_VALUE ? d : d - 1);
                subscriber.onNext(item);
            }
        } catch (CancelledException e) {
            if (!cancelled) {
                cancelled = true;
                subscriber.onError(e);
            }
            throw e;
        }
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            badRequest = new IllegalArgumentException("request(" + n + "): demand must be positive "
                    + "(Reactive Streams rule 3.9)");
        } else {
            demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
        }
        signal();
    }

    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        signal();
        Task<?> task = pump;
        if (task != null && !isCurrent(task)) {
            task.cancel("the subscription was cancelled");
        }
    }

    private static boolean isCurrent(Task<?> task) {
        return Context.currentTaskOrNull() == task;
    }

    private void signal() {
        changed.getAndSet(Event.create()).set();
    }
}

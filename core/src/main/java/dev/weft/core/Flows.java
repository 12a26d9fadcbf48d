package dev.weft.core;

import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * Bridges between Weft and {@link java.util.concurrent.Flow} (Reactive Streams in the JDK).
 *
 * <pre>{@code
 * try (TaskScope scope = TaskScope.open()) {
 *     Channel<Event> events = Channel.open(64);
 *     scope.spawn(() -> produce(events.sender()));
 *     Flow.Publisher<Event> publisher = Flows.publisher(scope, events.receiver());
 *     someReactiveLibrary.consume(publisher);     // pulls items as it requests them
 *     scope.join();
 * }
 * }</pre>
 *
 * <p>Only the publishing direction is here. To feed a channel from a publisher, subscribe with a
 * {@code Flow.Subscriber} whose {@code onNext} calls {@code SendChannel.send} on the publisher's
 * thread (blocking it while the channel is full) and requests one more item after each.
 */
public final class Flows {
    private Flows() {}

    /**
     * A {@code Flow.Publisher} of the items received from {@code source}. Each subscriber gets a
     * task spawned into {@code scope} that receives an item only when the subscriber has demand
     * for one, so the channel's capacity is the backpressure: nothing is buffered in between.
     * Several subscribers compete for the items (each item goes to one of them), as receivers of
     * a channel do.
     *
     * <h4>Signals</h4>
     * {@code onSubscribe}, {@code onNext}, {@code onComplete} and {@code onError} come from the
     * subscriber's task, one at a time. The end of the channel is {@code onComplete}; a closed
     * {@code source} handle is {@code onError} with its {@link ClosedResourceException}; a
     * {@code request(n)} with {@code n <= 0} is {@code onError} with an
     * {@link IllegalArgumentException} (Reactive Streams rule 3.9); demand adds up to
     * {@code Long.MAX_VALUE}, which means unbounded. Subscribing after {@code scope} closed gives
     * {@code onSubscribe} then {@code onError} with an {@link IllegalStateException}.
     *
     * <h4>Cancellation</h4>
     * {@code Subscription.cancel()} (from any thread) cancels the subscriber's task: no signal
     * follows, and an item received while the cancellation arrived is dropped. Cancelling the
     * scope cancels every subscriber's task; a subscriber that did not cancel is then told with
     * {@code onError(CancelledException)}. A subscriber method that throws fails its task, and the
     * scope handles that failure by its policy (a fail-fast scope fails): nothing is swallowed.
     *
     * @throws NullPointerException if {@code scope} or {@code source} is null (and
     *     {@code subscribe(null)} throws it too, rule 1.9)
     */
    public static <T> Flow.Publisher<T> publisher(TaskScope scope, ReceiveChannel<T> source) {
        Objects.requireNonNull(scope, "Flows.publisher: the scope is null");
        Objects.requireNonNull(source, "Flows.publisher: the source channel is null");
        return subscriber -> ChannelPublisher.subscribe(scope, source, subscriber);
    }
}

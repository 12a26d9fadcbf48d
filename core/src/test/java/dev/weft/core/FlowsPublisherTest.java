package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.testing.TestLoop;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Flows.publisher: a channel as a Flow.Publisher that receives only on demand. */
@Timeout(20)
class FlowsPublisherTest {

    /** Records signals; {@code onNextDo} runs inside onNext with the subscription. */
    static final class Recorder implements Flow.Subscriber<Integer> {
        final List<String> signals = new CopyOnWriteArrayList<>();
        final Event done = Event.create();
        final long initial;
        final BiConsumer<Flow.Subscription, Integer> onNextDo;
        volatile Flow.Subscription subscription;
        volatile Throwable error;

        Recorder(long initial, BiConsumer<Flow.Subscription, Integer> onNextDo) {
            this.initial = initial;
            this.onNextDo = onNextDo;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            signals.add("subscribe");
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(Integer item) {
            signals.add("next " + item);
            onNextDo.accept(subscription, item);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            signals.add("error " + t.getClass().getSimpleName());
            done.set();
        }

        @Override
        public void onComplete() {
            signals.add("complete");
            done.set();
        }
    }

    private static void sendAll(Channel<Integer> ch, int n, boolean close) {
        SendChannel<Integer> out = ch.sender();
        for (int i = 1; i <= n; i++) {
            out.send(i);
        }
        if (close) {
            out.close();
        }
    }

    @Test
    void itemsFlowOneRequestAtATimeAndCompleteAtTheChannelsEnd() {
        Weft.run(() -> {
            Channel<Integer> ch = Channel.open(10);
            sendAll(ch, 5, true);
            try (TaskScope scope = TaskScope.open()) {
                Recorder r = new Recorder(1, (s, item) -> s.request(1));
                Flows.publisher(scope, ch.receiver()).subscribe(r);
                r.done.awaitSet();
                scope.join();
                assertEquals(List.of("subscribe", "next 1", "next 2", "next 3", "next 4", "next 5", "complete"), r.signals);
            }
        });
    }

    @Test
    void withoutDemandNothingIsReceivedAndTheItemsStayInTheChannel() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Channel<Integer> ch = Channel.open(10);
                sendAll(ch, 3, false);
                try (TaskScope scope = TaskScope.open()) {
                    Recorder r = new Recorder(0, (s, item) -> {});
                    Flows.publisher(scope, ch.receiver()).subscribe(r);
                    test.awaitAllBlocked();
                    assertEquals(List.of("subscribe"), r.signals);
                    r.subscription.request(2);
                    test.awaitAllBlocked();
                    assertEquals(List.of("subscribe", "next 1", "next 2"), r.signals);
                    r.subscription.cancel();
                    scope.join();
                    assertEquals(Optional.of(3), ch.receiver().tryReceive(), "the third item was never taken");
                }
            });
        }
    }

    @Test
    void cancellingFromOnNextStopsTheSignalsAndTakesNoMoreItems() {
        Weft.run(() -> {
            Channel<Integer> ch = Channel.open(10);
            sendAll(ch, 4, true);
            try (TaskScope scope = TaskScope.open()) {
                Recorder r = new Recorder(Long.MAX_VALUE, (s, item) -> s.cancel());
                Flows.publisher(scope, ch.receiver()).subscribe(r);
                scope.join();
                assertEquals(List.of("subscribe", "next 1"), r.signals);
                assertEquals(Optional.of(2), ch.receiver().tryReceive());
            }
        });
    }

    @Test
    void cancellingAWaitingSubscriptionEndsItsTask() {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Channel<Integer> ch = Channel.open(0);
                try (TaskScope scope = TaskScope.open()) {
                    Recorder r = new Recorder(5, (s, item) -> {});
                    Flows.publisher(scope, ch.receiver()).subscribe(r);
                    test.awaitAllBlocked();
                    r.subscription.cancel();
                    scope.join();
                    assertEquals(List.of("subscribe"), r.signals);
                }
            });
        }
    }

    @Test
    void aNonPositiveRequestIsAnIllegalArgumentError() {
        Weft.run(() -> {
            Channel<Integer> ch = Channel.open(10);
            sendAll(ch, 2, false);
            try (TaskScope scope = TaskScope.open()) {
                Recorder r = new Recorder(0, (s, item) -> {});
                Flows.publisher(scope, ch.receiver()).subscribe(r);
                while (r.subscription == null) {
                    Weft.yieldNow();
                }
                r.subscription.request(0);
                r.done.awaitSet();
                scope.join();
                assertInstanceOf(IllegalArgumentException.class, r.error);
                assertTrue(r.error.getMessage().contains("3.9"), r.error.getMessage());
            }
        });
    }

    @Test
    void cancellingTheScopeTellsTheSubscriber() {
        Weft.run(() -> {
            Channel<Integer> ch = Channel.open(0);
            Recorder r = new Recorder(1, (s, item) -> {});
            try (TaskScope scope = TaskScope.openSupervisor()) {
                Flows.publisher(scope, ch.receiver()).subscribe(r);
                scope.cancel("shutting down");
                scope.join();
            }
            r.done.awaitSet(); // a task cancelled before it ran is reported from its done callback
            assertEquals(List.of("subscribe", "error CancelledException"), r.signals);
        });
    }

    @Test
    void subscribingAfterTheScopeClosedIsAnError() {
        Weft.run(() -> {
            Channel<Integer> ch = Channel.open(0);
            Flow.Publisher<Integer> publisher;
            try (TaskScope scope = TaskScope.open()) {
                publisher = Flows.publisher(scope, ch.receiver());
            }
            Recorder r = new Recorder(1, (s, item) -> {});
            publisher.subscribe(r);
            assertEquals(List.of("subscribe", "error IllegalStateException"), r.signals);
            assertThrows(NullPointerException.class, () -> publisher.subscribe(null));
        });
    }
}

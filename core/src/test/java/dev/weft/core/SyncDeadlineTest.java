package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every blocking call of the sync primitives honours deadlines on the loop's clock: on virtual
 * time, a one-hour timeout ends the wait after exactly one (virtual) hour, in milliseconds of real
 * time, and leaves no waiter behind.
 */
@Timeout(10)
class SyncDeadlineTest {

    /** A call that will block, and how many waiters its primitive counts. */
    record Blocked(Action<RuntimeException> call, IntSupplier waiters) {}

    static Stream<Arguments> blockingCalls() {
        return Stream.of(
                blocked("Lock.acquire", () -> {
                    Lock lock = Lock.create();
                    holdInAnotherTask(lock::acquire);
                    return new Blocked(lock::acquire, () -> lock.statistics().waiters());
                }),
                blocked("Semaphore.acquire", () -> {
                    Semaphore s = Semaphore.create(0);
                    return new Blocked(s::acquire, () -> s.statistics().waiters());
                }),
                blocked("BoundedSemaphore.acquire", () -> {
                    BoundedSemaphore s = BoundedSemaphore.create(1);
                    s.acquire();
                    return new Blocked(s::acquire, () -> s.statistics().waiters());
                }),
                blocked("CapacityLimiter.acquire", () -> {
                    CapacityLimiter l = CapacityLimiter.create(1);
                    l.acquireOnBehalfOf("someone else");
                    return new Blocked(l::acquire, () -> l.statistics().waiters());
                }),
                blocked("Event.awaitSet", () -> {
                    Event e = Event.create();
                    return new Blocked(e::awaitSet, () -> e.statistics().waiters());
                }),
                blocked("Condition.awaitSignal", () -> {
                    Condition c = Condition.create();
                    return new Blocked(() -> {
                        c.lock().acquire();
                        try {
                            c.awaitSignal();
                        } finally {
                            c.lock().release();
                        }
                    }, () -> c.statistics().waiters());
                }),
                blocked("Barrier.await", () -> {
                    Barrier b = Barrier.create(2);
                    return new Blocked(b::await, () -> b.statistics().waiting());
                }),
                blocked("Queue.get", () -> {
                    Queue<String> q = Queue.fifo();
                    return new Blocked(q::get, () -> q.statistics().getters());
                }),
                blocked("Queue.put", () -> {
                    Queue<String> q = Queue.fifo(1);
                    q.put("full");
                    return new Blocked(() -> q.put("more"), () -> q.statistics().putters());
                }),
                blocked("Queue.join", () -> {
                    Queue<String> q = Queue.fifo();
                    q.put("unfinished");
                    return new Blocked(q::join, () -> 0);
                }),
                blocked("SendChannel.send", () -> {
                    Channel<String> ch = Channel.open(0);
                    return new Blocked(() -> ch.sender().send("x"), () -> ch.sender().statistics().waitingSenders());
                }),
                blocked("ReceiveChannel.receive", () -> {
                    Channel<String> ch = Channel.open(3);
                    return new Blocked(ch.receiver()::receive, () -> ch.receiver().statistics().waitingReceivers());
                }),
                blocked("Select.select", () -> {
                    Channel<String> a = Channel.open(0);
                    Channel<String> b = Channel.open(0);
                    return new Blocked(() -> Select.select(a.receiver().onReceive(x -> x), b.sender().onSend("y", () -> "")),
                            () -> a.receiver().statistics().waitingReceivers() + b.sender().statistics().waitingSenders());
                }));
    }

    private static Arguments blocked(String name, java.util.function.Supplier<Blocked> setUp) {
        return Arguments.of(Named.of(name, setUp));
    }

    /** Acquires in a task of the loop's root scope that then sleeps longer than the deadline. */
    private static void holdInAnotherTask(Action<RuntimeException> acquire) {
        Loop.current().spawn(() -> {
            acquire.run();
            Weft.sleep(Duration.ofDays(1));
        });
        Weft.yieldNow();
    }

    @ParameterizedTest
    @MethodSource("blockingCalls")
    void aBlockingCallTimesOutOnTheLoopClockAndLeavesNoWaiter(java.util.function.Supplier<Blocked> setUp) {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                Blocked blocked = setUp.get();
                long start = test.now();
                assertThrows(DeadlineExceededException.class,
                        () -> Weft.failAfter(Duration.ofHours(1), blocked.call()));
                assertEquals(Duration.ofHours(1).toNanos(), test.now() - start);
                assertEquals(0, blocked.waiters().getAsInt());
            }); // closing the loop cancels the lock's holder
        }
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(10)
class LoopCallbackOrderTest {
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void callSoonRunsCallbacksInTheOrderTheyWereScheduled() {
        try (Loop loop = Loop.open()) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                loop.callSoon(() -> order.add(n));
            }
            loop.callSoon(loop::stop);
            loop.runForever();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                expected.add(i);
            }
            assertEquals(expected, order);
        }
    }

    @Test
    void callAtWithEqualTimesRunsInSchedulingOrder() {
        try (Loop loop = Loop.open()) {
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            long when = loop.time() + Duration.ofMillis(20).toNanos();
            for (int i = 0; i < 50; i++) {
                int n = i;
                loop.callAt(when, () -> order.add(n));
            }
            loop.callAt(when, loop::stop);
            loop.runForever();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                expected.add(i);
            }
            assertEquals(expected, order);
        }
    }

    @Test
    void callAtForAnAlreadyPassedTimeStaysBehindEarlierCallbacksForThatTime() throws Exception {
        try (Loop loop = Loop.open()) {
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            long when = loop.time() + Duration.ofMillis(5).toNanos();
            for (int i = 0; i < 20; i++) {
                int n = i;
                loop.callAt(when, () -> order.add(n));
            }
            while (loop.time() <= when) {
                Thread.onSpinWait(); // the subject: scheduling for a time that has just passed
            }
            for (int i = 20; i < 40; i++) {
                int n = i;
                loop.callAt(when, () -> order.add(n));
            }
            loop.callAt(when, loop::stop);
            loop.runForever();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                expected.add(i);
            }
            assertEquals(expected, order);
        }
    }

    @Test
    void callbacksRunInOrderOfDueTimeNotSchedulingOrder() {
        // on virtual time: the clock stands still while the test schedules, so a stalled test
        // thread (a loaded machine stalled it past 10, 30 and 100 ms gaps) cannot reorder them
        try (TestLoop test = TestLoop.open()) {
            Loop loop = test.loop();
            StringBuilder order = new StringBuilder();
            long base = loop.time();
            loop.callAt(base + Duration.ofMillis(30).toNanos(), () -> {
                order.append('c');
                loop.stop();
            });
            loop.callAt(base + Duration.ofMillis(20).toNanos(), () -> order.append('b'));
            loop.callAt(base + Duration.ofMillis(10).toNanos(), () -> order.append('a'));
            loop.callLater(Duration.ZERO, () -> order.append('0'));
            loop.runForever();
            assertEquals("0abc", order.toString());
        }
    }

    @Test
    void callLaterDoesNotRunBeforeItsDelayOnTheLoopClock() {
        try (Loop loop = Loop.open()) {
            long[] ranAt = new long[1];
            long scheduledAt = loop.time();
            Handle h = loop.callLater(Duration.ofMillis(15), () -> {
                ranAt[0] = loop.time();
                loop.stop();
            });
            assertTrue(h.when() >= scheduledAt + Duration.ofMillis(15).toNanos());
            assertTrue(h.when() <= loop.time() + Duration.ofMillis(15).toNanos());
            loop.runForever();
            assertTrue(ranAt[0] >= h.when(), "ran at " + ranAt[0] + " before due " + h.when());
        }
    }

    @Test
    void callAtInThePastRunsSoon() {
        try (Loop loop = Loop.open()) {
            AtomicReference<String> ran = new AtomicReference<>();
            loop.callAt(loop.time() - 1_000_000, () -> {
                ran.set("yes");
                loop.stop();
            });
            loop.runForever();
            assertEquals("yes", ran.get());
        }
    }

    @Test
    void loopClockIsMonotonic() {
        try (Loop loop = Loop.open()) {
            long previous = loop.time();
            for (int i = 0; i < 10_000; i++) {
                long now = loop.time();
                assertTrue(now >= previous);
                previous = now;
            }
        }
    }

    @Test
    void callbacksRunOneAtATimeOnTheThreadRunningTheLoop() throws Exception {
        try (Loop loop = Loop.open()) {
            int producers = 4;
            int perProducer = 250;
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger maxInFlight = new AtomicInteger();
            AtomicInteger ran = new AtomicInteger();
            List<Thread> threadsSeen = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch allRan = new CountDownLatch(producers * perProducer);
            List<Thread> threads = new ArrayList<>();
            List<Throwable> producerFailures = Collections.synchronizedList(new ArrayList<>());
            for (int p = 0; p < producers; p++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < perProducer; i++) {
                            loop.callSoon(() -> {
                                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                                threadsSeen.add(Thread.currentThread());
                                ran.incrementAndGet();
                                inFlight.decrementAndGet();
                                allRan.countDown();
                            });
                        }
                    } catch (Throwable e) {
                        producerFailures.add(e);
                    }
                }));
            }
            loop.callSoon(() -> Thread.ofPlatform().start(() -> {
                try {
                    for (Thread t : threads) {
                        t.join();
                    }
                    if (producerFailures.isEmpty()) {
                        allRan.await();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                loop.stop();
            }));
            loop.runForever();
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(), producerFailures, "a producing thread failed");
            assertEquals(producers * perProducer, ran.get());
            assertEquals(1, maxInFlight.get(), "two callbacks ran at the same time");
            Thread runner = Thread.currentThread();
            assertTrue(threadsSeen.stream().allMatch(t -> CallbackThreads.isCallbackThread(loop.options(), t, runner)),
                    "callbacks must run on the loop's callback thread: " + threadsSeen);
        }
    }

    @Test
    void cancelledHandleNeverRuns() {
        try (Loop loop = Loop.open()) {
            AtomicInteger ran = new AtomicInteger();
            Handle soon = loop.callSoon(ran::incrementAndGet);
            Handle later = loop.callLater(Duration.ofMillis(5), ran::incrementAndGet);
            Handle at = loop.callAt(loop.time() + 1_000_000, ran::incrementAndGet);
            for (Handle h : List.of(soon, later, at)) {
                assertTrue(h.cancel());
                assertTrue(h.isCancelled());
                assertFalse(h.cancel(), "a second cancel() returns false");
            }
            loop.callLater(Duration.ofMillis(20), loop::stop);
            loop.runForever();
            assertEquals(0, ran.get());
        }
    }

    @Test
    void cancellingAHandleThatAlreadyRanReturnsFalse() {
        try (Loop loop = Loop.open()) {
            Handle h = loop.callSoon(() -> {});
            loop.callSoon(loop::stop);
            loop.runForever();
            assertFalse(h.cancel());
            assertFalse(h.isCancelled());
        }
    }

    @Test
    void aFailingCallbackIsLoggedAndTheLoopGoesOn() {
        try (Loop loop = Loop.open()) {
            AtomicInteger after = new AtomicInteger();
            loop.callSoon(() -> {
                throw new IllegalStateException("callback boom");
            });
            loop.callSoon(after::incrementAndGet);
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(1, after.get());
            List<ILoggingEvent> errors = log.events(Level.ERROR);
            assertEquals(1, errors.size(), errors.toString());
            assertEquals("callback boom", errors.get(0).getThrowableProxy().getMessage());
        }
    }

    @Test
    void callSoonFromAForeignThreadRunsOnTheLoop() throws Exception {
        try (Loop loop = Loop.open()) {
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            AtomicReference<Loop> current = new AtomicReference<>();
            CountDownLatch running = new CountDownLatch(1);
            loop.callSoon(running::countDown);
            AtomicReference<Throwable> foreignFailure = new AtomicReference<>();
            Thread foreign = Thread.ofPlatform().start(() -> {
                try {
                    running.await();
                    loop.callSoon(() -> {
                        ranOn.set(Thread.currentThread());
                        current.set(Loop.current());
                        loop.stop();
                    });
                } catch (Throwable e) {
                    foreignFailure.set(e);
                    loop.stop();
                }
            });
            loop.runForever();
            foreign.join();
            if (foreignFailure.get() != null) {
                throw new AssertionError("the foreign thread failed", foreignFailure.get());
            }
            assertTrue(CallbackThreads.isCallbackThread(loop.options(), ranOn.get(), Thread.currentThread()), String.valueOf(ranOn.get()));
            assertSame(loop, current.get());
        }
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many tasks hammer every sync primitive at once while their operations time out at random
 * (tiny {@code failAfter}/{@code moveOnAfter} deadlines) and a chaos task cancels operations in
 * flight. Each worker's choices come from its own random source ({@code seed + index}), and the
 * seed is printed; replay with {@code -Dweft.stress.seed=N} (the interleavings themselves are the
 * scheduler's). The full run ({@code -Pstress}) makes a million operations, or
 * {@code -Dweft.stress.ops=N}; the quick one, in the normal build, a quarter of that.
 *
 * <h2>Invariants checked at the end</h2>
 * <ol>
 * <li><b>No item lost, duplicated or invented.</b> Every item id is unique. An id counts as sent
 *     when {@code put}, {@code tryPut}, {@code send}, {@code trySend} or a select's send returned
 *     normally; as received when a get, receive or select's receive returned it, or when it is
 *     drained from the primitive at the end. Received at most once each, and the two sets are
 *     equal: a cancelled or timed-out getter took nothing, a cancelled putter added nothing.</li>
 * <li><b>No permit leaked or doubled.</b> Never more tasks inside than permits (lock 1,
 *     semaphore 3, bounded semaphore 2, capacity limiter 2); at the end every permit is free and
 *     no waiter is left in any primitive; queues have no unfinished task.</li>
 * <li><b>Conditions keep the lock.</b> After {@code awaitUntil} returns or throws, the task holds
 *     the lock; the guarded count stays within its bounds.</li>
 * <li><b>Producers unwind.</b> Every producer body that started ran its finally block, and each
 *     consumer saw 0, 1, 2, ... without gaps.</li>
 * </ol>
 */
class SyncPrimitivesStressTest {
    private static final long SEED = Long.getLong("weft.stress.seed", 0x5EED_4A11L);
    /** Operations of the full run ({@code -Pstress}); at least a million. */
    private static final long FULL_OPS = Math.max(1_000_000L, Long.getLong("weft.stress.ops", 1_000_000L));
    private static final int WORKERS = 24;

    @Test
    @Tag("stress")
    @Timeout(600)
    void aMillionOperationsUnderRandomCancellationAndTimeoutsLoseNothing() {
        runAndVerify(FULL_OPS);
    }

    @Test
    @Timeout(60)
    void aQuickRoundUnderRandomCancellationAndTimeoutsLosesNothing() {
        runAndVerify(250_000);
    }

    private static void runAndVerify(long target) {
        String loopKind = LoopOptions.defaults().isConfined() ? "confined" : "parallel";
        System.out.printf("SyncPrimitivesStressTest: %,d operations on a %s loop, seed %d "
                + "(replay with -Dweft.stress.seed=%d)%n", target, loopKind, SEED, SEED);
        World w = new World();
        long start = System.nanoTime();
        Weft.run(() -> {
            try (var scope = TaskScope.open("stress")) {
                for (int i = 0; i < WORKERS; i++) {
                    int index = i;
                    scope.spawn("worker-" + i, () -> work(w, index, new SplittableRandom(SEED + index), target));
                }
                scope.spawn("chaos", () -> chaos(w, new SplittableRandom(SEED - 1)));
                w.done.awaitSet();
                scope.cancel("the run is over");
                scope.join();
            }
            w.verify();
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("SyncPrimitivesStressTest: %,d operations in %,d ms on a %s loop (%,d timed out, %,d "
                        + "cancelled by chaos, %,d items moved, %,d producers)%n", w.ops.get(), millis, loopKind,
                w.timeouts.sum(), w.chaosHits.sum(), w.received.size(), w.producersStarted.sum());
        assertTrue(w.ops.get() >= target);
    }

    // ---- the workers ---------------------------------------------------------------------------

    private static void work(World w, int index, SplittableRandom random, long target) {
        while (true) {
            Duration timeout = random.nextInt(10) < 6
                    ? Duration.ofNanos(random.nextLong(200_000))
                    : Duration.ofMillis(20);
            int kind = random.nextInt(100);
            long item = w.ids.incrementAndGet();
            boolean quiet = random.nextBoolean();
            int[] calls = {0};
            try {
                Action<RuntimeException> op = () -> {
                    w.slots.set(index, CancelScope.current());
                    calls[0] = operation(w, kind, item, random);
                };
                if (quiet) {
                    if (!Weft.moveOnAfter(timeout, op)) {
                        w.timeouts.increment();
                    }
                } else {
                    Weft.failAfter(timeout, op);
                }
            } catch (DeadlineExceededException timedOut) {
                w.timeouts.increment();
            } catch (CancelledException e) {
                if (Weft.currentTask().isCancelRequested()) {
                    throw e; // the run is over
                }
                w.chaosHits.increment();
            } finally {
                w.slots.set(index, null);
            }
            if (w.ops.addAndGet(Math.max(1, calls[0])) >= target) {
                w.done.set();
            }
        }
    }

    /** Performs one operation; returns how many calls of the primitives it made. */
    private static int operation(World w, int kind, long item, SplittableRandom random) {
        if (kind < 16) {
            Queue<Long> q = w.queues.get(random.nextInt(w.queues.size()));
            if (random.nextInt(5) == 0) {
                if (q.tryPut(item)) {
                    w.sent(item);
                }
            } else {
                q.put(item);
                w.sent(item);
            }
            return 1;
        }
        if (kind < 32) {
            Queue<Long> q = w.queues.get(random.nextInt(w.queues.size()));
            Optional<Long> got = random.nextInt(5) == 0 ? q.tryGet() : Optional.of(q.get());
            got.ifPresent(x -> {
                w.received(x);
                q.taskDone();
            });
            return 2;
        }
        if (kind < 44) {
            SendChannel<Long> out = w.channels.get(random.nextInt(w.channels.size())).sender();
            if (random.nextInt(5) == 0) {
                if (out.trySend(item)) {
                    w.sent(item);
                }
            } else {
                out.send(item);
                w.sent(item);
            }
            return 1;
        }
        if (kind < 56) {
            ReceiveChannel<Long> in = w.channels.get(random.nextInt(w.channels.size())).receiver();
            Optional<Long> got = random.nextInt(5) == 0 ? in.tryReceive() : Optional.of(in.receive());
            got.ifPresent(w::received);
            return 1;
        }
        if (kind < 64) {
            Channel<Long> a = w.channels.get(random.nextInt(w.channels.size()));
            Channel<Long> b = w.channels.get(random.nextInt(w.channels.size()));
            Channel<Long> c = w.channels.get(random.nextInt(w.channels.size()));
            Select.select(
                    a.receiver().onReceive(x -> {
                        w.received(x);
                        return 0;
                    }),
                    b.receiver().onReceive(x -> {
                        w.received(x);
                        return 1;
                    }),
                    c.sender().onSend(item, () -> {
                        w.sent(item);
                        return 2;
                    }));
            return 1;
        }
        if (kind < 70) {
            return exclusive(w.lock::acquire, w.lock::release, w.lockInside, 1, "lock", w, random);
        }
        if (kind < 76) {
            return exclusive(w.semaphore::acquire, w.semaphore::release, w.semaphoreInside, 3, "semaphore", w, random);
        }
        if (kind < 82) {
            return exclusive(w.bounded::acquire, w.bounded::release, w.boundedInside, 2, "bounded semaphore", w, random);
        }
        if (kind < 88) {
            return exclusive(w.limiter::acquire, w.limiter::release, w.limiterInside, 2, "capacity limiter", w, random);
        }
        if (kind < 97) {
            return condition(w, random.nextBoolean());
        }
        return producer(w, random);
    }

    private static int exclusive(Action<RuntimeException> acquire, Action<RuntimeException> release,
                                 AtomicInteger inside, int limit, String what, World w, SplittableRandom random) {
        acquire.run();
        try {
            int now = inside.incrementAndGet();
            try {
                if (now > limit) {
                    w.violation(now + " tasks inside a " + what + " of " + limit);
                }
                if (random.nextBoolean()) {
                    Weft.yieldNow(); // a checkpoint while holding: cancellation may strike here
                }
            } finally {
                inside.decrementAndGet();
            }
        } finally {
            release.run();
        }
        return 2;
    }

    private static int condition(World w, boolean produce) {
        w.conditionLock.acquire();
        try {
            if (produce) {
                w.notFull.awaitUntil(() -> w.count < World.COUNT_LIMIT);
                w.count++;
                w.notEmpty.signal();
            } else {
                w.notEmpty.awaitUntil(() -> w.count > 0);
                w.count--;
                w.notFull.signal();
            }
            if (w.count < 0 || w.count > World.COUNT_LIMIT) {
                w.violation("the count guarded by the condition is " + w.count);
            }
        } finally {
            if (!w.conditionLock.isHeldByCurrentTask()) {
                w.violation("a condition wait ended without the lock");
            }
            w.conditionLock.release();
        }
        return 4;
    }

    private static int producer(World w, SplittableRandom random) {
        int size = random.nextInt(1, 6);
        int take = random.nextInt(0, size + 2);
        int[] emitted = {0};
        int expected = 0;
        try (Producer<Integer> p = Producer.open(out -> {
            w.producersStarted.increment();
            try {
                for (int i = 0; i < size; i++) {
                    out.emit(i);
                    emitted[0]++;
                }
            } finally {
                w.producersFinished.increment();
            }
        })) {
            for (int x : p) {
                if (x != expected) {
                    w.violation("a producer gave " + x + " where " + expected + " was next");
                }
                if (++expected >= take) {
                    break;
                }
            }
        }
        return 2 + expected;
    }

    /** Cancels random operations in flight. */
    private static void chaos(World w, SplittableRandom random) {
        while (true) {
            if (random.nextBoolean()) {
                Weft.yieldNow();
            } else {
                Weft.sleep(Duration.ofNanos(random.nextLong(100_000)));
            }
            CancelScope victim = w.slots.get(random.nextInt(WORKERS));
            if (victim != null) {
                victim.cancel("chaos");
            }
        }
    }

    // ---- shared state and the verdict -------------------------------------------------------------

    private static final class World {
        static final int COUNT_LIMIT = 4;

        final List<Queue<Long>> queues = List.of(Queue.fifo(8), Queue.lifo(4),
                Queue.priority(Comparator.<Long>naturalOrder(), 16));
        final List<Channel<Long>> channels = List.of(Channel.open(0), Channel.open(1), Channel.open(4));
        final Lock lock = Lock.create();
        final Semaphore semaphore = Semaphore.create(3);
        final BoundedSemaphore bounded = BoundedSemaphore.create(2);
        final CapacityLimiter limiter = CapacityLimiter.create(2);
        final Lock conditionLock = Lock.create();
        final Condition notFull = Condition.create(conditionLock);
        final Condition notEmpty = Condition.create(conditionLock);
        /** Guarded by conditionLock; volatile only so that the final check reads it safely. */
        volatile int count;

        final AtomicInteger lockInside = new AtomicInteger();
        final AtomicInteger semaphoreInside = new AtomicInteger();
        final AtomicInteger boundedInside = new AtomicInteger();
        final AtomicInteger limiterInside = new AtomicInteger();
        final Set<Long> sent = ConcurrentHashMap.newKeySet();
        final Set<Long> received = ConcurrentHashMap.newKeySet();
        final ConcurrentLinkedDeque<String> violations = new ConcurrentLinkedDeque<>();
        final AtomicLong ops = new AtomicLong();
        final AtomicLong ids = new AtomicLong();
        final LongAdder timeouts = new LongAdder();
        final LongAdder chaosHits = new LongAdder();
        final LongAdder producersStarted = new LongAdder();
        final LongAdder producersFinished = new LongAdder();
        final AtomicReferenceArray<CancelScope> slots = new AtomicReferenceArray<>(WORKERS);
        final Event done = Event.create();

        void sent(long item) {
            sent.add(item);
        }

        void received(long item) {
            if (!received.add(item)) {
                violation("item " + item + " was received twice");
            }
        }

        void violation(String what) {
            if (violations.size() < 20) {
                violations.add(what);
            }
        }

        void verify() {
            for (Queue<Long> q : queues) {
                for (Optional<Long> x; (x = q.tryGet()).isPresent(); ) {
                    received(x.get());
                    q.taskDone();
                }
                assertEquals(new Queue.Statistics(0, q.capacity(), 0, 0, 0, false), q.statistics(), q.toString());
            }
            for (Channel<Long> ch : channels) {
                for (Optional<Long> x; (x = ch.receiver().tryReceive()).isPresent(); ) {
                    received(x.get());
                }
                Channel.Statistics s = ch.receiver().statistics();
                assertEquals(new Channel.Statistics(0, s.capacity(), 1, 1, 0, 0), s);
            }
            assertEquals(List.of(), new ArrayList<>(violations));
            Set<Long> lost = new HashSet<>(sent);
            lost.removeAll(received);
            Set<Long> invented = new HashSet<>(received);
            invented.removeAll(sent);
            assertEquals(Set.of(), lost, "items sent but never received");
            assertEquals(Set.of(), invented, "items received but never (successfully) sent");

            assertEquals(new Lock.Statistics(false, Optional.empty(), 0), lock.statistics());
            assertEquals(new Semaphore.Statistics(3, 0), semaphore.statistics());
            assertEquals(new Semaphore.Statistics(2, 0), bounded.statistics());
            assertEquals(new CapacityLimiter.Statistics(0, 2, List.of(), 0), limiter.statistics());
            assertFalse(conditionLock.isLocked());
            assertEquals(0, notFull.statistics().waiters());
            assertEquals(0, notEmpty.statistics().waiters());
            assertTrue(count >= 0 && count <= COUNT_LIMIT, "count " + count);
            assertEquals(producersStarted.sum(), producersFinished.sum(), "producer bodies that did not unwind");
        }
    }
}

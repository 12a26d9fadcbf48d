package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ProducerIterationTest {

    @Test
    void theConsumerGetsTheItemsInOrderAndIterationEndsWhenTheBodyReturns() {
        List<Integer> got = new ArrayList<>();
        Weft.run(() -> {
            try (Producer<Integer> numbers = Producer.open(out -> {
                for (int i = 0; i < 5; i++) {
                    out.emit(i);
                }
            })) {
                for (int n : numbers) {
                    got.add(n);
                }
                assertFalse(numbers.iterator().hasNext());
                assertThrows(NoSuchElementException.class, () -> numbers.iterator().next());
            }
        });
        assertEquals(List.of(0, 1, 2, 3, 4), got);
    }

    @Test
    void theBodyStartsOnTheFirstRequestAndRunsInLockStepWithTheConsumer() {
        List<String> log = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            try (Producer<Integer> p = Producer.open(out -> {
                log.add("body starts");
                for (int i = 0; i < 3; i++) {
                    log.add("emit " + i);
                    out.emit(i);
                    log.add("resumed after " + i);
                }
                log.add("body ends");
            })) {
                Weft.yieldNow();
                log.add("consumer asks");
                Iterator<Integer> it = p.iterator();
                while (it.hasNext()) {
                    int x = it.next();
                    log.add("consumer got " + x);
                    Weft.yieldNow();                  // the producer stays parked meanwhile
                    log.add("consumer done with " + x);
                }
            }
        });
        assertEquals(List.of(
                "consumer asks", "body starts", "emit 0", "consumer got 0", "consumer done with 0",
                "resumed after 0", "emit 1", "consumer got 1", "consumer done with 1",
                "resumed after 1", "emit 2", "consumer got 2", "consumer done with 2",
                "resumed after 2", "body ends"), log);
    }

    @Test
    void stoppingEarlyCancelsTheProducerAndRunsItsFinallyBlocks() {
        List<String> log = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            try (Producer<Integer> p = Producer.open(out -> {
                try {
                    for (int i = 0; ; i++) {
                        out.emit(i);
                    }
                } catch (CancelledException e) {
                    log.add("cancelled in emit");
                    throw e;
                } finally {
                    log.add("finally ran");
                }
            })) {
                for (int x : p) {
                    if (x == 2) {
                        p.close();
                        assertFalse(p.iterator().hasNext(), "a closed producer has no more items");
                        break;
                    }
                }
            }
            log.add("after close");
        });
        assertEquals(List.of("cancelled in emit", "finally ran", "after close"), log);
    }

    @Test
    void aProducerNeverAskedNeverRunsItsBody() {
        List<String> log = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            try (Producer<Integer> p = Producer.open(out -> log.add("ran"))) {
                assertTrue(p.toString().contains("open"));
            }
        });
        assertEquals(List.of(), log);
    }

    @Test
    void theBodysUncheckedExceptionSurfacesInTheConsumerAfterTheItemsBeforeIt() {
        IllegalStateException boom = new IllegalStateException("boom");
        List<Integer> got = new ArrayList<>();
        Weft.run(() -> {
            try (Producer<Integer> p = Producer.open(out -> {
                out.emit(1);
                out.emit(2);
                throw boom;
            })) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
                    for (int x : p) {
                        got.add(x);
                    }
                });
                assertSame(boom, e);
                assertFalse(p.iterator().hasNext(), "the stream has ended");
            } // close() does not throw it again
        });
        assertEquals(List.of(1, 2), got);
    }

    @Test
    void aCheckedExceptionComesWrappedInTaskFailedException() {
        Weft.run(() -> {
            try (Producer<String> p = Producer.open(out -> {
                throw new IOException("disk gone");
            })) {
                TaskFailedException e = assertThrows(TaskFailedException.class, () -> p.iterator().hasNext());
                assertTrue(e.getCause() instanceof IOException, String.valueOf(e.getCause()));
            }
        });
    }

    @Test
    void closeThrowsAFailureOfTheUnwindingBodyThatTheConsumerHasNotSeen() {
        Weft.run(() -> {
            Producer<Integer> p = Producer.open(out -> {
                try {
                    out.emit(1);
                    out.emit(2);
                } catch (CancelledException closing) {
                    throw new IllegalStateException("cleanup failed"); // while unwinding from close()
                }
            });
            assertEquals(1, p.iterator().next());
            IllegalStateException e = assertThrows(IllegalStateException.class, p::close);
            assertEquals("cleanup failed", e.getMessage());
            p.close(); // idempotent, and reported once
        });
    }

    @Test
    void aProducerCanRunInAGivenScope() {
        Weft.run(() -> {
            try (var scope = TaskScope.open()) {
                List<String> got = new ArrayList<>();
                try (Producer<String> p = Producer.open(scope, out -> {
                    out.emit("a");
                    out.emit("b");
                })) {
                    p.forEach(got::add);
                }
                scope.join();
                assertEquals(List.of("a", "b"), got);
                assertThrows(NullPointerException.class, () -> Producer.open(null, out -> { }));
            }
        });
    }

    @Test
    void aProducerCancelledFromOutsideEndsTheIterationWithItsCancellation() {
        Weft.run(() -> {
            try (var scope = TaskScope.open()) {
                try (Producer<Integer> p = Producer.open(scope, out -> {
                    out.emit(1);
                    out.emit(2);
                })) {
                    Iterator<Integer> it = p.iterator();
                    assertEquals(1, it.next());
                    scope.cancel("the producer's scope was cancelled"); // its tasks, not this body
                    CancelledException e = assertThrows(CancelledException.class, it::hasNext);
                    assertTrue(e.getMessage().contains("the producer's scope was cancelled"), e.getMessage());
                    assertFalse(it.hasNext());
                }
                scope.join();
            }
        });
    }

    @Test
    void onlyTheProducersTaskMayEmit() {
        Weft.run(() -> {
            try (Producer<String> p = Producer.open(out -> {
                try (var scope = TaskScope.open()) {
                    Task<IllegalStateException> helper = scope.spawn(
                            () -> assertThrows(IllegalStateException.class, () -> out.emit("from a helper")));
                    scope.join();
                    out.emit(helper.resultNow().getMessage());
                }
            })) {
                String message = p.iterator().next();
                assertTrue(message.contains("only the producer's own task may emit"), message);
            }
        });
    }

    @Test
    void aConsumerCancelledWhileWaitingDoesNotLoseTheItem() {
        Weft.run(() -> {
            Event release = Event.create();
            try (Producer<String> p = Producer.open(out -> {
                release.awaitSet();
                out.emit("precious");
                out.emit("next");
            })) {
                assertFalse(Weft.moveOnAfter(java.time.Duration.ofMillis(20), () -> p.iterator().hasNext()),
                        "the consumer gave up waiting");
                release.set();
                Iterator<String> it = p.iterator();
                assertEquals("precious", it.next());
                assertEquals("next", it.next());
                assertFalse(it.hasNext());
            }
        });
    }

    @Test
    void iterationIsACheckpoint() {
        Weft.run(() -> {
            try (Producer<String> p = Producer.open(out -> out.emit("x"))) {
                SyncTesting.whileCancelled(() -> assertThrows(CancelledException.class, () -> p.iterator().hasNext()));
                assertEquals("x", p.iterator().next());
            }
        });
    }

    @Test
    void cancellingTheConsumerCancelsItsProducerToo() {
        List<String> log = new CopyOnWriteArrayList<>();
        Weft.run(() -> {
            try (var scope = TaskScope.open()) {
                Task<Void> consumer = scope.spawn(() -> {
                    try (Producer<Integer> p = Producer.open(out -> {
                        try {
                            out.emit(1);
                            Event.create().awaitSet(); // never
                        } finally {
                            log.add("producer finally");
                        }
                    })) {
                        for (int x : p) {
                            log.add("got " + x);
                        }
                    }
                });
                SyncTesting.awaitUntil(() -> log.contains("got 1"));
                consumer.cancel("stop");
                scope.join();
            }
        });
        assertEquals(List.of("got 1", "producer finally"), log);
    }

    @Test
    void statisticsCountEmittedAndTakenItemsAndShowAWaitingConsumerAndTheEnd() {
        Event go = Event.create();
        Weft.run(() -> {
            Producer<Integer> p = Producer.open(out -> {
                out.emit(1);
                go.awaitSet();
                out.emit(2);
            });
            assertEquals(new Producer.Statistics(0, 0, false, false, false, false), p.statistics());
            Iterator<Integer> it = p.iterator();
            assertTrue(it.hasNext());
            assertEquals(new Producer.Statistics(1, 0, true, false, false, false), p.statistics());
            assertEquals(1, it.next());
            assertEquals(new Producer.Statistics(1, 1, false, false, false, false), p.statistics());
            try (var scope = TaskScope.open()) {
                Task<Integer> second = scope.spawn(it::next);
                SyncTesting.awaitUntil(() -> p.statistics().consumerWaiting());
                assertEquals(new Producer.Statistics(1, 1, false, true, false, false), p.statistics());
                go.set();
                assertEquals(2, second.join());
                scope.join();
            }
            assertFalse(it.hasNext());
            assertEquals(new Producer.Statistics(2, 2, false, false, true, false), p.statistics());
            p.close();
            assertTrue(p.statistics().closed());
        });
    }
}

package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The queries (size, isEmpty, isFull, isShutDown) answer from the current state and hold nothing. */
@Timeout(10)
class QueueQueryTest {

    @Test
    void queriesFollowTheItemsOfABoundedQueue() {
        Queue<String> q = Queue.fifo(2);
        assertEquals(0, q.size());
        assertTrue(q.isEmpty(), "a new queue is empty");
        assertFalse(q.isFull(), "a new queue of capacity 2 is not full");
        q.tryPut("a");
        assertEquals(1, q.size());
        assertFalse(q.isEmpty(), "one item in");
        assertFalse(q.isFull(), "one item of 2 is not full");
        q.tryPut("b");
        assertTrue(q.isFull(), "two items of 2 is full");
        q.tryGet();
        assertFalse(q.isFull(), "a get frees a slot");
        assertFalse(Queue.fifo().isFull(), "an unbounded queue is never full");
    }

    @Test
    void aQueueIsShutDownOnlyOnceShutdownIsCalled() {
        Queue<String> q = Queue.fifo();
        assertFalse(q.isShutDown(), "a new queue is not shut down");
        q.shutdown();
        assertTrue(q.isShutDown());
        Queue<String> dropped = Queue.lifo();
        dropped.shutdown(true);
        assertTrue(dropped.isShutDown(), "an immediate shutdown shuts it down too");
    }

    @Test
    void toStringShowsTheItemsTheCapacityIfBoundedAndShutdown() {
        Queue<String> bounded = Queue.fifo(4);
        bounded.tryPut("a");
        assertEquals("Queue[items=1/4, getters=0, putters=0]", bounded.toString());
        bounded.shutdown();
        assertEquals("Queue[items=1/4, getters=0, putters=0, shut down]", bounded.toString());
        Queue<String> unbounded = Queue.lifo();
        unbounded.tryPut("a");
        unbounded.tryPut("b");
        assertEquals("Queue[items=2, getters=0, putters=0]", unbounded.toString(), "no capacity shown when unbounded");
    }

    @Test
    void aQueryLeavesTheQueueFreeForAnotherThread() throws Exception {
        // the guard is reentrant: a query that left it held would go unnoticed by its own thread
        assertFreeForAnotherThreadAfter("size()", Queue::size);
        assertFreeForAnotherThreadAfter("isEmpty()", Queue::isEmpty);
        assertFreeForAnotherThreadAfter("isFull()", Queue::isFull);
        assertFreeForAnotherThreadAfter("isShutDown()", Queue::isShutDown);
        assertFreeForAnotherThreadAfter("statistics()", Queue::statistics);
        assertFreeForAnotherThreadAfter("toString()", Queue::toString);
    }

    private static void assertFreeForAnotherThreadAfter(String query, Consumer<Queue<String>> call)
            throws InterruptedException, ExecutionException {
        Queue<String> q = Queue.fifo(4);
        q.tryPut("mine");
        call.accept(q);
        FutureTask<Boolean> other = new FutureTask<>(() -> q.tryPut("other's"));
        Thread.ofPlatform().daemon().name("other thread").start(other);
        try {
            assertTrue(other.get(5, TimeUnit.SECONDS), "the other thread's tryPut found room");
        } catch (TimeoutException e) {
            fail("Queue." + query + " left the queue locked: another thread's tryPut() waited 5 s for it");
        }
        assertEquals(2, q.size());
    }
}

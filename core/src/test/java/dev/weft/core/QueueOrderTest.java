package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class QueueOrderTest {

    private static <T> List<T> drain(Queue<T> q) {
        List<T> out = new ArrayList<>();
        for (Optional<T> x; (x = q.tryGet()).isPresent(); ) {
            out.add(x.get());
        }
        return out;
    }

    @Test
    void fifoGivesItemsInTheOrderTheyWerePut() {
        Queue<Integer> q = Queue.fifo();
        for (int i = 0; i < 5; i++) {
            assertTrue(q.tryPut(i));
        }
        assertEquals(List.of(0, 1, 2, 3, 4), drain(q));
    }

    @Test
    void lifoGivesTheLatestFirst() {
        Queue<Integer> q = Queue.lifo(10);
        for (int i = 0; i < 5; i++) {
            q.tryPut(i);
        }
        assertEquals(List.of(4, 3, 2, 1, 0), drain(q));
    }

    @Test
    void priorityGivesTheLeastFirstAndEqualItemsInPutOrder() {
        record Job(int priority, String name) {}
        Queue<Job> q = Queue.priority(Comparator.comparingInt(Job::priority));
        q.tryPut(new Job(2, "b1"));
        q.tryPut(new Job(1, "a1"));
        q.tryPut(new Job(2, "b2"));
        q.tryPut(new Job(0, "z"));
        q.tryPut(new Job(1, "a2"));
        q.tryPut(new Job(2, "b3"));
        assertEquals(List.of("z", "a1", "a2", "b1", "b2", "b3"), drain(q).stream().map(Job::name).toList());
    }

    @Test
    void priorityByNaturalOrder() {
        Queue<String> q = Queue.priority();
        for (String s : List.of("pear", "apple", "fig")) {
            q.tryPut(s);
        }
        assertEquals(List.of("apple", "fig", "pear"), drain(q));
    }

    @Test
    void aBoundedQueueRefusesTryPutWhenFull() {
        Queue<String> q = Queue.fifo(2);
        assertTrue(q.tryPut("a"));
        assertTrue(q.tryPut("b"));
        assertTrue(q.isFull());
        assertEquals(false, q.tryPut("c"));
        assertEquals(new Queue.Statistics(2, 2, 0, 0, 2, false), q.statistics());
        assertEquals(Queue.UNBOUNDED, Queue.fifo().capacity());
    }

    @Test
    void badArgumentsSayWhatToDoInstead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Queue.fifo(0));
        assertTrue(e.getMessage().contains("1 or more") && e.getMessage().contains("Channel.open(0)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Queue.lifo(-1));
        assertThrows(IllegalArgumentException.class, () -> Queue.priority(Comparator.<Integer>naturalOrder(), 0));
        assertThrows(NullPointerException.class, () -> Queue.priority(null));
        Queue<String> q = Queue.fifo();
        NullPointerException npe = assertThrows(NullPointerException.class, () -> q.tryPut(null));
        assertTrue(npe.getMessage().contains("item is null"), npe.getMessage());
    }
}

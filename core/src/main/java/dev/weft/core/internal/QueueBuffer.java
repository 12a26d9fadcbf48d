package dev.weft.core.internal;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;

/** The items of a {@link QueueImpl}, in one of three orders. Not thread-safe: the queue guards it. */
sealed interface QueueBuffer<T> permits QueueBuffer.Deque, QueueBuffer.Priority {

    void add(T item);

    /** Removes the next item; the buffer is not empty. */
    T remove();

    /** Puts back an item just removed, so that it is the next one again. */
    void putBack(T item);

    int size();

    void clear();

    /**
     * First in, first out, or last in, first out: one deque, taken from the front (FIFO) or the
     * back (LIFO). A put-back item goes where the next {@code remove} takes from.
     */
    final class Deque<T> implements QueueBuffer<T> {
        private final ArrayDeque<T> items = new ArrayDeque<>();
        private final boolean lifo;

        private Deque(boolean lifo) {
            this.lifo = lifo;
        }

        static <T> Deque<T> fifo() {
            return new Deque<>(false);
        }

        static <T> Deque<T> lifo() {
            return new Deque<>(true);
        }

        @Override
        public void add(T item) {
            items.addLast(item);
        }

        @Override
        public T remove() {
            return lifo ? items.removeLast() : items.removeFirst();
        }

        @Override
        public void putBack(T item) {
            if (lifo) {
                items.addLast(item);
            } else {
                items.addFirst(item);
            }
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public void clear() {
            items.clear();
        }
    }

    /**
     * Least first; equal items first in, first out. Each item carries a sequence number: puts
     * count up from 0, put-backs count down from -1, so a put-back item comes before its equals.
     */
    final class Priority<T> implements QueueBuffer<T> {
        private record Entry<T>(T item, long seq) {}

        private final PriorityQueue<Entry<T>> items;
        private long nextSeq;
        private long nextPutBackSeq = -1;

        Priority(Comparator<? super T> order) {
            Comparator<Entry<T>> byItem = (a, b) -> order.compare(a.item(), b.item());
            this.items = new PriorityQueue<>(byItem.thenComparingLong(Entry::seq));
        }

        @Override
        public void add(T item) {
            items.add(new Entry<>(item, nextSeq++));
        }

        @Override
        public T remove() {
            return items.remove().item();
        }

        @Override
        public void putBack(T item) {
            items.add(new Entry<>(item, nextPutBackSeq--));
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public void clear() {
            items.clear();
        }
    }
}

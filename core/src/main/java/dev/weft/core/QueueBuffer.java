package dev.weft.core;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;

/** The items of a {@link QueueImpl}, in one of three orders. Not thread-safe: the queue guards it. */
sealed interface QueueBuffer<T> permits QueueBuffer.Deque, QueueBuffer.Priority {

    void add(T item);

    /** Removes the next item; the buffer is not empty. */
    T remove();

    int size();

    void clear();

    /**
     * First in, first out, or last in, first out: one deque, taken from the front (FIFO) or the
     * back (LIFO).
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
        public int size() {
            return items.size();
        }

        @Override
        public void clear() {
            items.clear();
        }
    }

    /** Least first; equal items first in, first out: each item carries a sequence number. */
    final class Priority<T> implements QueueBuffer<T> {
        private record Entry<T>(T item, long seq) {}

        private final PriorityQueue<Entry<T>> items;
        private long nextSeq;

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
        public int size() {
            return items.size();
        }

        @Override
        public void clear() {
            items.clear();
        }
    }
}

package dev.weft.core.internal;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;

/** The items of a {@link QueueImpl}, in one of three orders. Not thread-safe: the queue guards it. */
sealed interface QueueBuffer<T> permits QueueBuffer.Fifo, QueueBuffer.Lifo, QueueBuffer.Priority {

    void add(T item);

    /** Removes the next item; the buffer is not empty. */
    T remove();

    /** Puts back an item just removed, so that it is the next one again. */
    void putBack(T item);

    int size();

    void clear();

    /** First in, first out. */
    final class Fifo<T> implements QueueBuffer<T> {
        private final ArrayDeque<T> items = new ArrayDeque<>();

        @Override
        public void add(T item) {
            items.addLast(item);
        }

        @Override
        public T remove() {
            return items.removeFirst();
        }

        @Override
        public void putBack(T item) {
            items.addFirst(item);
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

    /** Last in, first out. */
    final class Lifo<T> implements QueueBuffer<T> {
        private final ArrayDeque<T> items = new ArrayDeque<>();

        @Override
        public void add(T item) {
            items.addLast(item);
        }

        @Override
        public T remove() {
            return items.removeLast();
        }

        @Override
        public void putBack(T item) {
            items.addLast(item);
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

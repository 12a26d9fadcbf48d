package dev.weft.core;

import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Queue}.
 *
 * <h2>Implementation notes</h2>
 * Everything is guarded by {@code guard}: the {@code buffer}, three wait queues ({@code getters},
 * {@code putters} with their offered items, {@code joiners}), {@code unfinished} and the
 * shutdown flags. Two invariants keep service first come, first served: getters wait only while
 * the buffer is empty (a put hands its item straight to the first getter), and putters wait only
 * while it is full (a get moves the first putter's item into the freed slot before returning).
 * So a newcomer never overtakes a waiter.
 * <p>An item counts as unfinished from the moment the queue accepts it (handed to a getter,
 * buffered, or moved in from a putter) until {@code taskDone()}.
 * <p>A getter cancelled just after an item was handed to it keeps the item and returns it; the
 * cancellation is raised at its next checkpoint ({@link Waiter}, ADR 0011). Nothing is ever put
 * back, so once a getter was told the queue is shut down and empty, it stays empty.
 */
final class QueueImpl<T> implements Queue<T> {
    private final ReentrantLock guard = new ReentrantLock();
    private final WaitQueue getters = new WaitQueue(guard, this);
    private final WaitQueue putters = new WaitQueue(guard, this);
    private final WaitQueue joiners = new WaitQueue(guard, this);
    private final QueueBuffer<T> buffer;
    private final int capacity;
    private int unfinished;
    private boolean shutDown;

    private QueueImpl(QueueBuffer<T> buffer, int capacity) {
        this.buffer = buffer;
        this.capacity = capacity;
    }

    static <T> QueueImpl<T> fifo(int capacity) {
        return new QueueImpl<>(QueueBuffer.Deque.fifo(), checkCapacity(capacity, "Queue.fifo"));
    }

    static <T> QueueImpl<T> lifo(int capacity) {
        return new QueueImpl<>(QueueBuffer.Deque.lifo(), checkCapacity(capacity, "Queue.lifo"));
    }

    static <T> QueueImpl<T> priority(Comparator<? super T> order, int capacity) {
        Checks.notNull(order, "Queue.priority: the comparator");
        return new QueueImpl<>(new QueueBuffer.Priority<>(order), checkCapacity(capacity, "Queue.priority"));
    }

    private static int checkCapacity(int capacity, String call) {
        if (capacity < 1) {
            throw new IllegalArgumentException(call + ": the capacity is " + capacity + "; pass 1 or more, or "
                    + "call it without a capacity for an unbounded queue (for a hand-off with no buffer, use "
                    + "Channel.open(0))");
        }
        return capacity;
    }

    // ---- putting -------------------------------------------------------------------------------

    @Override
    public void put(T item) {
        Checks.notNull(item, "Queue.put: the item");
        TaskImpl<?> task = Waiter.checkpoint("Queue.put()");
        WaitQueue.Node node;
        guard.lock();
        try {
            requireNotShutDown("put()");
            if (acceptLocked(item)) {
                return;
            }
            node = putters.enqueue(new Waiter(task), item, null);
        } finally {
            guard.unlock();
        }
        node.waiter.awaitGrant(node);
    }

    @Override
    public boolean tryPut(T item) {
        Checks.notNull(item, "Queue.tryPut: the item");
        guard.lock();
        try {
            requireNotShutDown("tryPut()");
            return acceptLocked(item);
        } finally {
            guard.unlock();
        }
    }

    private void requireNotShutDown(String call) {
        if (shutDown) {
            throw new QueueShutDownException("Queue." + call + ": the queue is shut down and takes no more items");
        }
    }

    /** To the first getter, or into the buffer if there is room. Guarded by guard. */
    private boolean acceptLocked(T item) {
        if (getters.handFirst(item) != null) {
            unfinished++;
            return true;
        }
        if (buffer.size() < capacity) {
            buffer.add(item);
            unfinished++;
            return true;
        }
        return false;
    }

    // ---- getting -------------------------------------------------------------------------------

    @Override
    public T get() {
        TaskImpl<?> task = Waiter.checkpoint("Queue.get()");
        WaitQueue.Node node;
        guard.lock();
        try {
            if (buffer.size() > 0) {
                return takeLocked();
            }
            if (shutDown) {
                throw emptyAndShutDown("get()");
            }
            node = getters.enqueue(task);
        } finally {
            guard.unlock();
        }
        @SuppressWarnings("unchecked")
        T item = (T) node.waiter.awaitGrant(node).item;
        return item;
    }

    @Override
    public Optional<T> tryGet() {
        guard.lock();
        try {
            if (buffer.size() > 0) {
                return Optional.of(takeLocked());
            }
            if (shutDown) {
                throw emptyAndShutDown("tryGet()");
            }
            return Optional.empty();
        } finally {
            guard.unlock();
        }
    }

    private static QueueShutDownException emptyAndShutDown(String call) {
        return new QueueShutDownException("Queue." + call + ": the queue is shut down and empty; no item will come");
    }

    /** Removes the next item and lets the first putter in. Guarded by guard. */
    private T takeLocked() {
        T item = buffer.remove();
        while (buffer.size() < capacity) {
            WaitQueue.Node putter = putters.grantFirst();
            if (putter == null) {
                break;
            }
            @SuppressWarnings("unchecked")
            T offered = (T) putter.item;
            buffer.add(offered);
            unfinished++;
        }
        return item;
    }

    // ---- tracking work ---------------------------------------------------------------------------

    @Override
    public void taskDone() {
        guard.lock();
        try {
            if (unfinished == 0) {
                throw new IllegalStateException("Queue.taskDone() was called more times than items were put; "
                        + "call it once for each item got, after processing it");
            }
            finishOne();
        } finally {
            guard.unlock();
        }
    }

    private void finishOne() {
        assert unfinished > 0;
        if (--unfinished == 0) {
            joiners.handAll(null);
        }
    }

    @Override
    public void join() {
        TaskImpl<?> task = Waiter.checkpoint("Queue.join()");
        WaitQueue.Node node;
        guard.lock();
        try {
            if (unfinished == 0) {
                return;
            }
            node = joiners.enqueue(task);
        } finally {
            guard.unlock();
        }
        node.waiter.awaitGrant(node);
    }

    // ---- shutting down ---------------------------------------------------------------------------

    @Override
    public void shutdown() {
        shutdown(false);
    }

    @Override
    public void shutdown(boolean immediate) {
        guard.lock();
        try {
            shutDown = true;
            if (immediate) {
                int dropped = buffer.size();
                buffer.clear();
                for (int i = 0; i < dropped && unfinished > 0; i++) {
                    finishOne();
                }
            }
            putters.failAll(() -> new QueueShutDownException(
                    "Queue.put(): the queue was shut down while this task waited; the item was not added"));
            if (buffer.size() == 0) {
                getters.failAll(() -> emptyAndShutDown("get()"));
            }
        } finally {
            guard.unlock();
        }
    }

    @Override
    public boolean isShutDown() {
        guard.lock();
        try {
            return shutDown;
        } finally {
            guard.unlock();
        }
    }

    // ---- queries ---------------------------------------------------------------------------------

    @Override
    public int size() {
        guard.lock();
        try {
            return buffer.size();
        } finally {
            guard.unlock();
        }
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean isFull() {
        return size() >= capacity;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public Statistics statistics() {
        guard.lock();
        try {
            return new Statistics(buffer.size(), capacity, getters.size(), putters.size(), unfinished, shutDown);
        } finally {
            guard.unlock();
        }
    }

    @Override
    public String toString() {
        Statistics s = statistics();
        return "Queue[items=" + s.items() + (capacity == UNBOUNDED ? "" : "/" + capacity) + ", getters=" + s.getters()
                + ", putters=" + s.putters() + (s.shutDown() ? ", shut down" : "") + "]";
    }
}

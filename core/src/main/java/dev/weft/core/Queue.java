package dev.weft.core;

import java.util.Comparator;
import java.util.Optional;

/**
 * A queue between tasks (asyncio's {@code Queue}, {@code LifoQueue} and {@code PriorityQueue}):
 * producers {@link #put(Object)}, consumers {@link #get()}, and a bounded queue makes fast
 * producers wait for slow consumers.
 *
 * <pre>{@code
 * Queue<Job> jobs = Queue.fifo(100);
 * try (var scope = TaskScope.open()) {
 *     for (int i = 0; i < 4; i++) {
 *         scope.spawn(() -> {
 *             while (true) {
 *                 Job job = jobs.get();
 *                 try { job.run(); } finally { jobs.taskDone(); }
 *             }
 *         });
 *     }
 *     for (Job j : work) {
 *         jobs.put(j);            // waits while 100 jobs are queued
 *     }
 *     jobs.join();                // waits until every job is done
 *     scope.cancel();             // the workers loop forever: stop them
 *     scope.join();
 * }
 * }</pre>
 *
 * <h2>Orders</h2>
 * {@link #fifo()} gives items in the order they were put, {@link #lifo()} the latest first, and
 * {@link #priority(Comparator)} the least first (by the comparator; equal items in the order
 * they were put). Each comes unbounded or with a capacity of at least 1. Null items are refused.
 *
 * <h2>Blocking and non-blocking calls</h2>
 * {@link #put(Object)} waits while the queue is full and {@link #get()} while it is empty; both
 * are cancellation points. {@link #tryPut(Object)} and {@link #tryGet()} never block. Blocked
 * putters and getters are served first come, first served, and an item put while a getter waits
 * goes straight to it.
 *
 * <h2>Tracking work: taskDone and join</h2>
 * Every item put counts as an unfinished task until a consumer calls {@link #taskDone()} for it;
 * {@link #join()} waits until none is unfinished. More {@code taskDone()} calls than items throw
 * {@link IllegalStateException}.
 *
 * <h2>Shutting down (Python 3.13)</h2>
 * <table>
 * <caption>Effects of shutdown</caption>
 * <tr><th></th><th>{@link #shutdown()}</th><th>{@link #shutdown(boolean) shutdown(true)}</th></tr>
 * <tr><td>items queued</td><td>kept: getters drain them</td><td>dropped, each counted as done
 *     for {@code join()}</td></tr>
 * <tr><td>{@code put}, {@code tryPut}, blocked putters</td><td colspan="2">throw
 *     {@link QueueShutDownException} (a blocked putter's item is not added)</td></tr>
 * <tr><td>{@code get}, {@code tryGet}, blocked getters</td><td colspan="2">return queued items while
 *     there are any, then throw {@link QueueShutDownException}</td></tr>
 * <tr><td>{@code join()}</td><td colspan="2">returns once no task is unfinished</td></tr>
 * </table>
 * Shutting down again is allowed; {@code shutdown(true)} after {@code shutdown()} drops what is
 * left.
 *
 * <h2>Cancellation</h2>
 * A getter cancelled (or timed out) while it waits, before an item was handed to it, takes
 * nothing and throws. If an item was handed to it first, it keeps it: {@code get()} returns the
 * item, and the cancellation is raised at the task's next blocking call. Nothing ever goes back
 * into the queue, so once a getter was told the queue is shut down and empty, no item can appear
 * after that. (asyncio differs here: its getter woken and then cancelled raises
 * {@code CancelledError} and the item stays for the next getter; Weft hands the item itself, not
 * a wake-up, and cannot take it back without breaking the end of the queue.) Likewise, a putter
 * cancelled after its item was accepted completes its put and sees the cancellation at its next
 * blocking call.
 *
 * <h2>Thread-safety</h2>
 * All methods may be called from any task or thread. The non-blocking ones ({@code tryPut},
 * {@code tryGet}, {@code taskDone}, {@code shutdown}, the queries) also from loop callbacks and
 * plain threads, which is how code outside the loop hands work to it.
 *
 * @param <T> the item type
 */
public sealed interface Queue<T> permits QueueImpl {

    /** The capacity of an unbounded queue. */
    int UNBOUNDED = Integer.MAX_VALUE;

    /** An unbounded first-in, first-out queue. */
    static <T> Queue<T> fifo() {
        return QueueImpl.fifo(UNBOUNDED);
    }

    /**
     * A first-in, first-out queue of at most {@code capacity} items.
     *
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    static <T> Queue<T> fifo(int capacity) {
        return QueueImpl.fifo(capacity);
    }

    /** An unbounded last-in, first-out queue (a stack). */
    static <T> Queue<T> lifo() {
        return QueueImpl.lifo(UNBOUNDED);
    }

    /**
     * A last-in, first-out queue of at most {@code capacity} items.
     *
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    static <T> Queue<T> lifo(int capacity) {
        return QueueImpl.lifo(capacity);
    }

    /** An unbounded queue giving the least item first, by natural order. */
    static <T extends Comparable<? super T>> Queue<T> priority() {
        return QueueImpl.priority(Comparator.<T>naturalOrder(), UNBOUNDED);
    }

    /** An unbounded queue giving the least item first, by {@code order}. */
    static <T> Queue<T> priority(Comparator<? super T> order) {
        return QueueImpl.priority(order, UNBOUNDED);
    }

    /**
     * A queue of at most {@code capacity} items giving the least first, by {@code order}.
     *
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    static <T> Queue<T> priority(Comparator<? super T> order, int capacity) {
        return QueueImpl.priority(order, capacity);
    }

    /**
     * Adds {@code item}, waiting while the queue is full. A cancellation point.
     *
     * @throws QueueShutDownException if the queue is shut down, or is shut down while waiting
     * @throws NullPointerException if {@code item} is null
     */
    void put(T item);

    /**
     * Adds {@code item} if there is room; never blocks.
     *
     * @return false if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     */
    boolean tryPut(T item);

    /**
     * Removes and returns the next item, waiting while the queue is empty. A cancellation point.
     *
     * @throws QueueShutDownException if the queue is shut down and empty
     */
    T get();

    /**
     * Removes and returns the next item if there is one; never blocks.
     *
     * @return the item, or empty if the queue is empty
     * @throws QueueShutDownException if the queue is shut down and empty
     */
    Optional<T> tryGet();

    /**
     * Marks one item got from the queue as processed, for {@link #join()}.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    void taskDone();

    /** Waits until every item put has been marked with {@link #taskDone()}. A cancellation point. */
    void join();

    /** {@code shutdown(false)}: no more puts; queued items can still be got. */
    void shutdown();

    /** Shuts the queue down; with {@code immediate}, drops the queued items. See the table above. */
    void shutdown(boolean immediate);

    /** True once shut down. */
    boolean isShutDown();

    /** How many items are queued. */
    int size();

    /** True if no item is queued. */
    boolean isEmpty();

    /** True if the queue holds {@link #capacity()} items (never for an unbounded queue). */
    boolean isFull();

    /** The most items the queue holds; {@link #UNBOUNDED} for none. */
    int capacity();

    /** A snapshot of the queue's state. */
    Statistics statistics();

    /**
     * What {@link #statistics()} returns.
     *
     * @param items items queued
     * @param capacity the capacity; {@link #UNBOUNDED} for none
     * @param getters tasks waiting in {@code get()}
     * @param putters tasks waiting in {@code put()}
     * @param unfinishedTasks items put and not yet marked with {@code taskDone()}
     * @param shutDown whether the queue is shut down
     */
    record Statistics(int items, int capacity, int getters, int putters, int unfinishedTasks, boolean shutDown) {}
}

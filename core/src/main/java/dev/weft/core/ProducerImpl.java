package dev.weft.core;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Producer}: a task and its consumer in lock-step.
 *
 * <h2>Implementation notes</h2>
 * Two parties, one hand-off. The consumer sets {@code requested} (it wants an item not yet
 * emitted) and waits for {@code slot} (an emitted item not yet taken) or {@code ending} (how the
 * body ended: {@link #END} or its exception). The producer waits for {@code requested}, fills
 * {@code slot} and clears {@code requested}, and then waits for the next request: so it is at most
 * one item ahead, and runs only on demand. These three fields are written under {@code lock} and
 * read by the waiting party without it (they are volatile); each writer unparks the other party.
 * The slot is kept when a waiting consumer is cancelled, so the item is there for its next call.
 * <p>The body's exception is caught in the task and handed to the consumer, so the task itself
 * ends in SUCCESS (or CANCELLED): the scope never reports the failure a second time.
 * <p>{@code close()} cancels the task and waits for it; with a scope of its own, it joins that
 * scope inside a shield (so a cancelled consumer still waits) and closes it.
 */
final class ProducerImpl<T> implements Producer<T> {
    private static final Object EMPTY = new Object();
    private static final Object END = new Object();

    private final ReentrantLock lock = new ReentrantLock();
    private final ScopeImpl ownScope;
    private final EmitterImpl<T> emitter = new EmitterImpl<>(this);
    private volatile boolean requested;
    private volatile Object slot = EMPTY;
    private volatile Object ending;
    private volatile Thread producer;
    private TaskImpl<Void> task;
    // guarded by lock
    private Thread consumer;
    private boolean endingSeen;
    private boolean closed;
    private long emitted;
    private long taken;

    private ProducerImpl(ScopeImpl ownScope) {
        this.ownScope = ownScope;
    }

    /** {@link Producer#open(Producer.Body)}: in a scope of its own, owned by the calling task. */
    static <T> ProducerImpl<T> openOwned(Producer.Body<T> body) {
        Checks.notNull(body, "Producer.open: the body");
        ScopeImpl own = ScopeImpl.open(ScopeImpl.Policy.SUPERVISOR, "producer");
        try {
            return start(new ProducerImpl<>(own), own, body);
        } catch (RuntimeException | Error e) {
            own.close();
            throw e;
        }
    }

    /** {@link Producer#open(TaskScope, Producer.Body)}. */
    static <T> ProducerImpl<T> openIn(TaskScope scope, Producer.Body<T> body) {
        Checks.notNull(scope, "Producer.open: the scope");
        Checks.notNull(body, "Producer.open: the body");
        return start(new ProducerImpl<>(null), (ScopeImpl) scope, body);
    }

    private static <T> ProducerImpl<T> start(ProducerImpl<T> p, ScopeImpl scope, Producer.Body<T> body) {
        p.task = scope.spawnTask("producer", () -> {
            p.run(body);
            return null;
        });
        return p;
    }

    // ---- the producer's side ----------------------------------------------------------------------

    private void run(Producer.Body<T> body) {
        producer = Thread.currentThread();
        Throwable failure = null;
        try {
            awaitRequest(); // like a generator, the body starts on the first request
            body.run(emitter);
        } catch (Throwable t) {
            failure = t;
        }
        lock.lock();
        try {
            ending = failure == null ? END : failure;
            LockSupport.unpark(consumer);
        } finally {
            lock.unlock();
        }
        if (failure instanceof CancelledException cancelled) {
            throw cancelled; // the task ends CANCELLED, as it was
        }
    }

    void emit(T item) {
        Checks.notNull(item, "Emitter.emit: the item");
        if (Thread.currentThread() != producer) {
            throw new IllegalStateException("Emitter.emit() was called from " + Waiter.describe(Waiter.currentHolder())
                    + ", but only the producer's own task may emit; hand items to it through a Queue or Channel");
        }
        Waiter.checkpoint("Emitter.emit()");
        awaitRequest();
        lock.lock();
        try {
            assert slot == EMPTY : "the consumer asked for an item while one was waiting";
            slot = item;
            emitted++;
            requested = false;
            LockSupport.unpark(consumer);
        } finally {
            lock.unlock();
        }
        awaitRequest();
    }

    private void awaitRequest() {
        TaskImpl<?> me = Context.currentTaskOrNull();
        Blocking.await(() -> requested, me != null ? me.loop : null, Long.MAX_VALUE);
    }

    // ---- the consumer's side ----------------------------------------------------------------------

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ProducerImpl.this.hasNext();
            }

            @Override
            public T next() {
                return ProducerImpl.this.next();
            }
        };
    }

    private boolean hasNext() {
        Waiter.checkpoint("Producer: iterator().hasNext()");
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (slot != EMPTY) {
                return true;
            }
            if (ending != null) {
                return reportEnding();
            }
            if (consumer != null) {
                throw new IllegalStateException("a Producer is being iterated by " + Waiter.describe(consumer)
                        + " and, at the same time, by " + Waiter.describe(Waiter.currentHolder())
                        + "; iterate it from one task, or share its items through a Queue or Channel");
            }
            consumer = Thread.currentThread();
            if (!requested) {
                requested = true;
                LockSupport.unpark(producer);
            }
        } finally {
            lock.unlock();
        }
        TaskImpl<?> me = Context.currentTaskOrNull();
        try {
            Blocking.await(() -> slot != EMPTY || ending != null, me != null ? me.loop : null, Long.MAX_VALUE);
        } finally {
            lock.lock();
            try {
                consumer = null;
            } finally {
                lock.unlock();
            }
        }
        lock.lock();
        try {
            return slot != EMPTY || reportEnding();
        } finally {
            lock.unlock();
        }
    }

    /** False at the end; throws the body's exception the first time. Guarded by lock. */
    private boolean reportEnding() {
        Object e = ending;
        if (e == null || e == END || endingSeen) {
            return false;
        }
        endingSeen = true;
        throw asUnchecked((Throwable) e);
    }

    private static RuntimeException asUnchecked(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new TaskFailedException("the producer failed: " + t, t);
    }

    private T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the producer has ended: check hasNext() before next()");
        }
        lock.lock();
        try {
            @SuppressWarnings("unchecked")
            T item = (T) slot;
            slot = EMPTY;
            taken++;
            return item;
        } finally {
            lock.unlock();
        }
    }

    // ---- closing ------------------------------------------------------------------------------------

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        task.cancel("Producer.close(): the consumer stopped iterating");
        if (ownScope != null) {
            Deadlines.shield(() -> {
                ownScope.join();
                return null;
            });
            ownScope.close();
        } else {
            task.awaitDoneUninterruptibly();
        }
        lock.lock();
        try {
            Object e = ending;
            if (e instanceof Throwable t && !(t instanceof CancelledException) && !endingSeen) {
                endingSeen = true;
                throw asUnchecked(t);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Statistics statistics() {
        lock.lock();
        try {
            return new Statistics(emitted, taken, slot != EMPTY, consumer != null, ending != null, closed);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Producer[" + (closed ? "closed" : ending != null ? "ended" : "open") + "]";
    }
}

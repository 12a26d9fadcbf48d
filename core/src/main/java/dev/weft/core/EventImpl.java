package dev.weft.core;

import java.util.concurrent.locks.ReentrantLock;

/** An {@link Event}: a flag and the waiters it releases all at once, guarded by {@code guard}. */
final class EventImpl implements Event {
    private final ReentrantLock guard = new ReentrantLock();
    private final WaitQueue waiters = new WaitQueue(guard, this);
    private boolean set; // guarded by guard

    private EventImpl() {}

    static EventImpl create() {
        return new EventImpl();
    }

    @Override
    public void set() {
        guard.lock();
        try {
            set = true;
            waiters.handAll(null);
        } finally {
            guard.unlock();
        }
    }

    @Override
    public void clear() {
        guard.lock();
        try {
            set = false;
        } finally {
            guard.unlock();
        }
    }

    @Override
    public boolean isSet() {
        guard.lock();
        try {
            return set;
        } finally {
            guard.unlock();
        }
    }

    @Override
    public void awaitSet() {
        TaskImpl<?> task = Waiter.checkpoint("Event.awaitSet()");
        WaitQueue.Node node;
        guard.lock();
        try {
            if (set) {
                return;
            }
            node = waiters.enqueue(task);
        } finally {
            guard.unlock();
        }
        node.waiter.awaitGrant(node);
    }

    @Override
    public Statistics statistics() {
        guard.lock();
        try {
            return new Statistics(set, waiters.size());
        } finally {
            guard.unlock();
        }
    }

    @Override
    public String toString() {
        return "Event[" + (isSet() ? "set" : "clear") + "]";
    }
}

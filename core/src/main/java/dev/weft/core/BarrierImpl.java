package dev.weft.core;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Barrier}.
 *
 * <h2>Implementation notes</h2>
 * The waiters of the current round are {@code waiting}, in arrival order; a cancelled waiter
 * withdraws its node under {@code guard}, so {@code waiting.size()} is exactly the number of
 * parties present. The last party grants every waiter its index (its place in the queue) in one
 * step under {@code guard} and starts the next round, so rounds never mix and nobody drains.
 */
final class BarrierImpl implements Barrier {
    private final ReentrantLock guard = new ReentrantLock();
    private final WaitQueue waiting = new WaitQueue(guard, this);
    private final int parties;
    private boolean broken; // guarded by guard

    private BarrierImpl(int parties) {
        this.parties = parties;
    }

    static BarrierImpl create(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("Barrier.create(" + parties + "): a barrier needs at least 1 party; "
                    + "pass the number of tasks that must meet");
        }
        return new BarrierImpl(parties);
    }

    @Override
    public int await() {
        TaskImpl<?> task = Waiter.checkpoint("Barrier.await()");
        WaitQueue.Node node;
        guard.lock();
        try {
            if (broken) {
                throw broken("Barrier.await(): the barrier was aborted; call reset() to use it again");
            }
            if (waiting.size() + 1 == parties) {
                for (int index = 0; !waiting.isEmpty(); index++) {
                    boolean granted = waiting.handFirst(index) != null;
                    assert granted : "a barrier's waiters change only under its lock";
                }
                return parties - 1;
            }
            node = waiting.enqueue(task);
        } finally {
            guard.unlock();
        }
        return (Integer) node.waiter.awaitGrant(node).item;
    }

    @Override
    public void abort() {
        guard.lock();
        try {
            broken = true;
            waiting.failAll(() -> broken("Barrier.await(): the barrier was aborted while this task waited; "
                    + "call reset() to use it again"));
        } finally {
            guard.unlock();
        }
    }

    @Override
    public void reset() {
        guard.lock();
        try {
            broken = false;
            waiting.failAll(() -> broken("Barrier.await(): the barrier was reset while this task waited"));
        } finally {
            guard.unlock();
        }
    }

    private static BarrierBrokenException broken(String message) {
        return new BarrierBrokenException(message);
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public boolean isBroken() {
        guard.lock();
        try {
            return broken;
        } finally {
            guard.unlock();
        }
    }

    @Override
    public Statistics statistics() {
        guard.lock();
        try {
            return new Statistics(parties, waiting.size(), broken);
        } finally {
            guard.unlock();
        }
    }

    @Override
    public String toString() {
        Statistics s = statistics();
        return "Barrier[" + s.waiting() + "/" + parties + (s.broken() ? ", broken" : "") + "]";
    }
}

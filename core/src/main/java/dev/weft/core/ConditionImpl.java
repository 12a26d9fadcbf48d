package dev.weft.core;

import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Condition}.
 *
 * <h2>Implementation notes</h2>
 * The waiter is queued before the {@link LockImpl} is released, and signals need the lock, so no
 * signal falls between the release and the wait. A signal is a grant to the first waiter; a
 * waiter cancelled after its grant returns as signalled (a grant that won over a cancellation completes the call: {@link Waiter}, ADR 0011). The lock is re-acquired with
 * {@link LockImpl#acquireUninterruptibly()} so that a cancelled wait still ends holding it (the
 * cancellation is then raised on the way out).
 */
final class ConditionImpl implements Condition {
    private final LockImpl lock;
    private final ReentrantLock guard = new ReentrantLock();
    private final WaitQueue waiters = new WaitQueue(guard, this);

    private ConditionImpl(LockImpl lock) {
        this.lock = lock;
    }

    static ConditionImpl create(Lock lock) {
        Checks.notNull(lock, "Condition.create: the lock");
        return new ConditionImpl((LockImpl) lock);
    }

    @Override
    public Lock lock() {
        return lock;
    }

    private void requireHeld(String call) {
        Object me = Waiter.currentHolder();
        if (!lock.isHeldBy(me)) {
            throw new IllegalStateException("Condition." + call + " needs the condition's lock, and "
                    + Waiter.describe(me) + " does not hold it: call condition.lock().acquire() first (and "
                    + "release it in a finally block)");
        }
    }

    @Override
    public void awaitSignal() {
        requireHeld("awaitSignal()");
        TaskImpl<?> task = Waiter.checkpoint("Condition.awaitSignal()");
        WaitQueue.Node node;
        guard.lock();
        try {
            node = waiters.enqueue(task);
        } finally {
            guard.unlock();
        }
        lock.release();
        try {
            node.waiter.awaitGrant(node);
        } finally {
            lock.acquireUninterruptibly();
        }
    }

    @Override
    public void awaitUntil(BooleanSupplier predicate) {
        Checks.notNull(predicate, "Condition.awaitUntil: the predicate");
        requireHeld("awaitUntil()");
        while (!predicate.getAsBoolean()) {
            awaitSignal();
        }
    }

    @Override
    public void signal() {
        requireHeld("signal()");
        guard.lock();
        try {
            waiters.grantFirst();
        } finally {
            guard.unlock();
        }
    }

    @Override
    public void signalAll() {
        requireHeld("signalAll()");
        guard.lock();
        try {
            waiters.handAll(null);
        } finally {
            guard.unlock();
        }
    }

    @Override
    public Statistics statistics() {
        int waiting;
        guard.lock();
        try {
            waiting = waiters.size();
        } finally {
            guard.unlock();
        }
        return new Statistics(waiting, lock.statistics());
    }

    @Override
    public String toString() {
        return "Condition[waiters=" + statistics().waiters() + ", " + lock + "]";
    }
}

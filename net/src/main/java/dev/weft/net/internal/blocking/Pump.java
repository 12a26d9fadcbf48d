package dev.weft.net.internal.blocking;

import dev.weft.core.Promise;
import dev.weft.core.Weft;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One blocking operation (read, accept, receive) run on demand by a helper virtual thread that
 * Weft never interrupts, so that cancelling the task that asked cannot close the channel.
 *
 * <h2>Implementation notes</h2>
 * <p>{@link #take()} asks for one result: if none is ready it raises {@code requested}, wakes
 * (or starts) the helper, and joins a {@link Promise} that the helper completes when the
 * operation returns. A task cancelled meanwhile abandons the promise; the operation goes on and
 * its result waits in {@code ready} for the next {@code take()}. So nothing is lost, and at most
 * one operation is in flight.
 * <p>The helper is started on first demand and ends at a terminal outcome (the operation
 * returned null, meaning end of stream, or threw) or at {@link #close()}. A pump made with
 * {@code failuresPass} (accepting) treats a failure as one result instead: the next
 * {@code take()} throws it, and the one after runs the operation again. Running out of file
 * descriptors fails an accept, yet accepting works again once some are closed. Closing the channel,
 * which the owner does before or after {@code close()}, ends an operation in flight.
 * <p>Whatever the operation throws reaches the waiter, so the helper never dies with a task
 * parked on its promise: a runtime exception is wrapped in an {@code IOException} and follows
 * the same rule; an {@code Error} ends the pump and is thrown as it is by every later
 * {@code take()}.
 * <p>Every field below is guarded by {@code lock}; the helper runs the operation without it.
 *
 * @param <T> what one operation yields
 */
final class Pump<T> {
    /** The blocking operation: returns a result, or null at the end. */
    interface Op<T> {
        T call() throws IOException;
    }

    private final String name;
    private final Op<T> op;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition demand = lock.newCondition();
    private final ArrayDeque<T> ready = new ArrayDeque<>(2);
    private boolean requested;
    private boolean ended;
    private boolean closed;
    private IOException failure;
    /** An {@code Error} the operation threw: final, thrown as it is by every later take(). */
    private Error fatal;
    /** With {@code failuresPass}: a failure for the next take() only. */
    private IOException passingFailure;
    private final boolean failuresPass;
    private Promise<Void> waiter;
    private boolean started;
    /** True while the helper is inside the blocking operation. */
    private boolean inCall;
    private final Condition callEnded = lock.newCondition();

    /** A pump whose first failure is final (reads, receives). */
    Pump(String name, Op<T> op) {
        this(name, op, false);
    }

    /**
     * A pump; with {@code failuresPass}, a failure is thrown by one {@code take()} and the
     * operation runs again at the next.
     */
    Pump(String name, Op<T> op, boolean failuresPass) {
        this.name = name;
        this.op = op;
        this.failuresPass = failuresPass;
    }

    /**
     * The next result, or null once the operation reported the end. Blocks; a cancellation point.
     *
     * @throws IOException the operation's failure (again at every later call), or after close
     */
    T take() throws IOException {
        Weft.checkCancelled();
        while (true) {
            Promise<Void> p;
            lock.lock();
            try {
                T r = ready.pollFirst();
                if (r != null) {
                    return r;
                }
                if (closed) {
                    throw new SocketException(name + " is closed");
                }
                if (fatal != null) {
                    throw fatal;
                }
                if (failure != null) {
                    throw failure;
                }
                if (passingFailure != null) {
                    IOException e = passingFailure;
                    passingFailure = null;
                    throw e;
                }
                if (ended) {
                    return null;
                }
                if (waiter != null && !waiter.isDone()) {
                    throw new IllegalStateException(name + ": another task is already waiting here; "
                            + "one task at a time may read, accept or receive on a socket");
                }
                p = Promise.create();
                waiter = p;
                if (!requested) {
                    requested = true;
                    if (!started) {
                        started = true;
                        HelperThreads.start("weft-" + name, this::run);
                    } else {
                        demand.signal();
                    }
                }
            } finally {
                lock.unlock();
            }
            HelperThreads.joinHandOff(p, lock, () -> waiter, () -> waiter = null);
        }
    }

    /** Puts back the unused part of a result, to be taken first. */
    void pushBack(T rest) {
        lock.lock();
        try {
            ready.addFirst(rest);
        } finally {
            lock.unlock();
        }
    }

    /** Stops the helper once its operation returns; returns the results nobody took. */
    List<T> close() {
        Promise<Void> w;
        List<T> left;
        lock.lock();
        try {
            closed = true;
            demand.signal();
            w = waiter;
            waiter = null;
            left = new ArrayList<>(ready);
            ready.clear();
        } finally {
            lock.unlock();
        }
        wake(w);
        return left;
    }

    /**
     * Waits, at most {@code maxNanos}, until the helper is no longer inside the blocking
     * operation. The JDK releases a channel's descriptor only when the last thread blocked in it
     * has left: a listener's owner calls this after closing the channel, so the port is free when
     * its close returns. The owner closes the channel first, which ends the operation.
     */
    void awaitOperationEnded(long maxNanos) {
        lock.lock();
        try {
            long left = maxNanos;
            while (inCall && left > 0) {
                left = callEnded.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            lock.lock();
            try {
                while (!requested && !closed) {
                    demand.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                inCall = true;
            } finally {
                lock.unlock();
            }
            T result = null;
            IOException error = null;
            Error fatalError = null;
            try {
                result = op.call();
            } catch (IOException e) {
                error = e;
            } catch (RuntimeException e) {
                error = new IOException(name + " failed: " + e, e);
            } catch (Error e) {
                // Not an I/O failure, and not retried: handed to the waiter as it is. A helper
                // that died here would leave its waiter parked for ever.
                fatalError = e;
            }
            Promise<Void> w;
            List<T> orphan = null;
            lock.lock();
            try {
                inCall = false;
                callEnded.signalAll();
                requested = false;
                if (fatalError != null) {
                    fatal = fatalError;
                } else if (error != null && failuresPass) {
                    passingFailure = error;
                } else if (error != null) {
                    failure = error;
                } else if (result == null) {
                    ended = true;
                } else if (closed) {
                    orphan = List.of(result);
                } else {
                    ready.addLast(result);
                }
                w = waiter;
                waiter = null;
            } finally {
                lock.unlock();
            }
            wake(w);
            if (orphan != null) {
                orphans(orphan);
            }
            if (fatalError != null || (error != null ? !failuresPass : result == null) || orphan != null) {
                return;
            }
        }
    }

    /** Releases results that arrived after close (accepted channels are closed). */
    private void orphans(List<T> results) {
        for (T r : results) {
            if (r instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // nothing to report to: the pump is closed
                }
            }
        }
    }

    static void wake(Promise<Void> p) {
        if (p != null && !p.isDone()) {
            try {
                p.complete(null);
            } catch (IllegalStateException raced) {
                // its task gave up at the same moment
            }
        }
    }

    @Override
    public String toString() {
        return "Pump[" + name + "]";
    }
}

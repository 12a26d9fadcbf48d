package dev.weft.net.internal.blocking;

import dev.weft.core.CancelledException;
import dev.weft.core.Promise;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Starts the helper virtual threads of this transport on the JVM's default scheduler.
 *
 * <p>A virtual thread inherits the scheduler of the virtual thread that creates it. Created from
 * a task of a confined loop, a helper would run on that loop's one carrier, and once the loop
 * closed it could never run again: the JDK's I/O poller, trying to wake it, gets a rejected
 * execution and dies, hanging every socket that poller serves. So helpers are created from a
 * platform thread, which gives them the default scheduler.
 */
final class HelperThreads {
    private static final ExecutorService STARTER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "weft-blocking-helper-starter");
        t.setDaemon(true);
        return t;
    });

    private HelperThreads() {}

    /** Starts {@code body} on a new virtual thread named {@code name}, soon. */
    static void start(String name, Runnable body) {
        if (Thread.currentThread().isVirtual()) {
            STARTER.execute(() -> Thread.ofVirtual().name(name).start(body));
        } else {
            Thread.ofVirtual().name(name).start(body);
        }
    }

    /**
     * Waits for a helper to complete the hand-off promise {@code p}. If the caller is cancelled
     * meanwhile, forgets {@code p} (under {@code lock}, only while it is still the current waiter,
     * so the helper's result is kept for the next call) and rethrows.
     */
    static void joinHandOff(Promise<Void> p, ReentrantLock lock, Supplier<Promise<Void>> currentWaiter,
            Runnable forgetWaiter) {
        try {
            p.join();
        } catch (CancelledException e) {
            lock.lock();
            try {
                if (currentWaiter.get() == p) {
                    forgetWaiter.run();
                }
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }
}

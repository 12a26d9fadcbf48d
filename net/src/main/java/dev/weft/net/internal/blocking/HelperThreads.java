package dev.weft.net.internal.blocking;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
}

package dev.weft.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Makes Ctrl+C (SIGINT) and other JVM shutdowns cancel the main task of {@code Weft.run} and wait
 * until its loop has closed, so that the program's finally blocks run before the JVM exits.
 */
final class ShutdownHook {
    /** How long a shutdown waits for the loop to close before the JVM exits anyway. */
    static final long GRACE_SECONDS = 30;

    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    static ShutdownHook install(TaskImpl<?> main, CountDownLatch loopClosed) {
        Thread t = new Thread(() -> {
            main.cancel("the JVM is shutting down (Ctrl+C, SIGTERM or System.exit)");
            try {
                if (!loopClosed.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
                    FailureLog.warn("Weft.run: the loop did not close within {} s of shutdown; exiting anyway", GRACE_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "weft-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(t);
        } catch (IllegalStateException shuttingDown) {
            return new ShutdownHook(null);
        }
        return new ShutdownHook(t);
    }

    void remove() {
        if (thread == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it waits for the loop to close
        }
    }
}

package dev.weft.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loop's pool of platform threads for {@code Weft.toThread} (asyncio's default executor): made
 * on first use with {@link LoopOptions#toThreadPoolSize()} daemon threads named
 * {@code <loop>-to-thread-N}, which time out after 30 idle seconds; shut down when the loop closes.
 * Thread-safe: {@link #get} may race from any task; one pool is made.
 */
final class ToThreadPool {
    private final String loopName;
    private final int size;
    /** Written once under {@code this} by the first {@link #get}; read by any thread. */
    private volatile ExecutorService pool;

    ToThreadPool(String loopName, int size) {
        this.loopName = loopName;
        this.size = size;
    }

    /** The pool, made now if this is the first call; {@code beforeCreate} may refuse (a closed loop). */
    ExecutorService get(Runnable beforeCreate) {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    beforeCreate.run();
                    AtomicInteger n = new AtomicInteger();
                    ThreadPoolExecutor tpe = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
                            new LinkedBlockingQueue<>(),
                            r -> Thread.ofPlatform().daemon().name(loopName + "-to-thread-" + n.incrementAndGet()).unstarted(r));
                    tpe.allowCoreThreadTimeOut(true);
                    pool = p = tpe;
                }
            }
        }
        return p;
    }

    /** Stops the pool if it was made: queued work still runs, nothing new is accepted. */
    void shutdown() {
        ExecutorService p = pool;
        if (p != null) {
            p.shutdown();
        }
    }
}

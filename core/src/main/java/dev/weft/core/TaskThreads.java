package dev.weft.core;

import java.util.concurrent.ThreadFactory;

/**
 * Where a loop's tasks get their threads. The loop does not schedule tasks: each task is a
 * virtual thread, scheduled by the JDK's scheduler on a parallel loop, or by the loop's
 * {@link ConfinedScheduler} (one carrier, one task at a time) on a confined loop (ADR 0005). This
 * class makes those threads and tells the confined scheduler which tasks exist and when work
 * outside its carrier ({@code toThread}) may still wake one.
 */
final class TaskThreads {
    /** The one-carrier scheduler of a confined loop; null for a parallel loop. */
    final ConfinedScheduler confined;
    private final ThreadFactory factory;

    /** Threads for the tasks of loop {@code loopName}; a confined loop gets its scheduler here. */
    TaskThreads(String loopName, LoopOptions options, VirtualClock virtualClock, boolean autojump) {
        if (options.isConfined()) {
            ConfinedScheduler scheduler = new ConfinedScheduler(loopName, options.seed(), virtualClock, autojump,
                    options.slowStepThreshold());
            ThreadFactory f;
            try {
                f = VirtualThreads.withScheduler(scheduler);
            } catch (UnsupportedOperationException e) {
                scheduler.shutdown();
                throw e;
            }
            this.confined = scheduler;
            this.factory = f;
        } else {
            this.confined = null;
            this.factory = Thread.ofVirtual().factory();
        }
    }

    /** A new, unstarted thread that runs {@code task}. */
    Thread newThread(TaskImpl<?> task) {
        return factory.newThread(task);
    }

    /** After the task's thread exists, before it starts. */
    void created(TaskImpl<?> task) {
        if (confined != null) {
            confined.registerTask(task);
        }
    }

    void ended(TaskImpl<?> task) {
        if (confined != null) {
            confined.unregisterTask(task);
        }
    }

    /** Work outside the carrier that may still wake a task (toThread): autojump waits for it. */
    void externalWork(int delta) {
        if (confined != null) {
            confined.externalWork.addAndGet(delta);
            if (delta < 0) {
                confined.poke();
            }
        }
    }
}

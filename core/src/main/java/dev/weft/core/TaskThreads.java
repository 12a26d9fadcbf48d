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
    /** "weft-loop-3/" and "weft-loop-3/Task-": a task's thread name is one concatenation. */
    private final String namePrefix;
    private final String unnamedPrefix;

    /** Threads for the tasks of loop {@code loopName}; a confined loop gets its scheduler here. */
    TaskThreads(String loopName, LoopOptions options, VirtualClock virtualClock, boolean autojump) {
        this.namePrefix = loopName + "/";
        this.unnamedPrefix = loopName + "/" + TaskImpl.UNNAMED_PREFIX;
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

    /**
     * A new, unstarted thread that runs {@code task}, named for thread dumps and stack traces
     * "weft-loop-3/fetch" ({@code givenName}) or "weft-loop-3/Task-26" (null: the thread's id).
     * One string per task: built in one concatenation, without the task name as an intermediate.
     */
    Thread newThread(TaskImpl<?> task, String givenName) {
        Thread t = factory.newThread(task);
        t.setName(givenName != null ? namePrefix + givenName : unnamedPrefix + t.threadId());
        t.setUncaughtExceptionHandler(task); // how Context finds the task from its thread
        return t;
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

package dev.weft.core;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads with a scheduler of Weft's choosing. The JDK (21 to 25) has this as a
 * package-private constructor of its virtual-thread builder, reachable only when
 * {@code java.base/java.lang} is opened to Weft ({@code --add-opens}). Without it, a confined loop
 * cannot be built and the caller gets an exception that says which flag to add; Weft never falls
 * back silently to a parallel loop.
 */
final class VirtualThreads {
    static final String FLAG = "--add-opens java.base/java.lang=ALL-UNNAMED";

    private VirtualThreads() {}

    static ThreadFactory withScheduler(Executor scheduler) {
        try {
            Class<?> builder = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            Constructor<?> ctor = builder.getDeclaredConstructor(Executor.class);
            ctor.setAccessible(true);
            return ((Thread.Builder.OfVirtual) ctor.newInstance(scheduler)).factory();
        } catch (RuntimeException | ReflectiveOperationException e) {
            throw new UnsupportedOperationException("a confined loop needs the JVM flag " + FLAG
                    + " (or =dev.weft.core when Weft is on the module path), so that its tasks can share one "
                    + "carrier thread; add it to the java command line (./weft and Weft's test build do), "
                    + "or use a parallel loop (LoopOptions.parallel()). Cause: " + e, e);
        }
    }

    /** {@code VirtualThread.runContinuation}, looked up once; null if this JDK has no such field. */
    private static volatile Field continuationField;
    private static volatile boolean continuationFieldMissing;

    /** The Runnable the JDK submits to the scheduler for {@code vthread}, or null if unknown. */
    static Runnable continuationOf(Thread vthread) {
        if (continuationFieldMissing) {
            return null;
        }
        try {
            Field f = continuationField;
            if (f == null) {
                f = vthread.getClass().getDeclaredField("runContinuation");
                f.setAccessible(true);
                continuationField = f;
            }
            return (Runnable) f.get(vthread);
        } catch (RuntimeException | ReflectiveOperationException e) {
            continuationFieldMissing = true;
            return null;
        }
    }
}

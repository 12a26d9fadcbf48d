package dev.weft.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Whether the carrier thread under the current virtual thread has other work queued: the hint
 * {@code SynchronousQueue} uses to decide whether a waiter may spin (a spinner must not hold a
 * carrier that its partner, or anyone, is queued on).
 *
 * <h2>Implementation notes</h2>
 * The JDK keeps a virtual thread's carrier internal: the field {@code VirtualThread.carrierThread},
 * set while the thread is mounted (JDK 21 to 25). It is readable when {@code java.base/java.lang}
 * is opened to Weft: the flag confined loops need, which {@code ./weft} and the test build pass
 * (ADR 0010). Without the flag the answer is always "busy", so nothing spins and parallel loops
 * behave as they did before the hint. A plain field read was chosen over the JDK's native
 * {@code Thread.currentCarrierThread()} called through a method handle: nothing native runs.
 */
final class Carriers {
    /** The JDK's class of virtual threads that have a carrier (not its bound kind), or null. */
    private static final Class<?> VIRTUAL_THREAD = classOrNull();
    private static final VarHandle CARRIER = carrierOrNull(VIRTUAL_THREAD);

    private Carriers() {}

    private static Class<?> classOrNull() {
        try {
            return Class.forName("java.lang.VirtualThread");
        } catch (ReflectiveOperationException | LinkageError absent) {
            return null;
        }
    }

    private static VarHandle carrierOrNull(Class<?> virtualThread) {
        if (virtualThread == null) {
            return null;
        }
        try {
            return MethodHandles.privateLookupIn(virtualThread, MethodHandles.lookup())
                    .findVarHandle(virtualThread, "carrierThread", Thread.class);
        } catch (RuntimeException | ReflectiveOperationException | LinkageError notOpened) {
            return null;
        }
    }

    /** True if this JVM lets Weft read the current carrier (java.lang is opened to it). */
    static boolean isAvailable() {
        return CARRIER != null;
    }

    /**
     * True if the current thread is a virtual thread whose carrier, a fork-join worker, has
     * nothing else queued. False on a platform thread, on a custom scheduler's carrier, on a JVM
     * whose virtual threads have no carrier, and whenever the carrier cannot be read. Never
     * throws.
     */
    static boolean currentCarrierIdle() {
        Thread current = Thread.currentThread();
        if (CARRIER == null || current.getClass() != VIRTUAL_THREAD) {
            return false; // a platform thread, or a virtual thread bound to its own OS thread
        }
        return CARRIER.get(current) instanceof ForkJoinWorkerThread worker && worker.getQueuedTaskCount() == 0;
    }
}

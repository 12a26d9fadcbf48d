package dev.weft.core.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Whether the carrier thread under the current virtual thread has other work queued: the hint
 * {@code SynchronousQueue} uses to decide whether a waiter may spin (a spinner must not hold a
 * carrier that its partner, or anyone, is queued on).
 *
 * <h2>Implementation notes</h2>
 * The JDK keeps {@code Thread.currentCarrierThread()} internal. It is reachable when
 * {@code java.base/java.lang} is opened to Weft: the flag confined loops need, which
 * {@code ./weft} and the test build pass (ADR 0010). Without the flag the answer is always
 * "busy", so nothing spins and parallel loops behave as they did before the hint. The lookup is
 * made once; the handle is a constant, so the call compiles to a read of the carrier field.
 */
final class Carriers {
    private static final MethodHandle CURRENT_CARRIER = currentCarrierOrNull();

    private Carriers() {}

    private static MethodHandle currentCarrierOrNull() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
            return lookup.findStatic(Thread.class, "currentCarrierThread", MethodType.methodType(Thread.class));
        } catch (RuntimeException | ReflectiveOperationException notOpened) {
            return null;
        }
    }

    /** True if this JVM lets Weft read the current carrier (java.lang is opened to it). */
    static boolean isAvailable() {
        return CURRENT_CARRIER != null;
    }

    /**
     * True if the current thread is a virtual thread whose carrier, a fork-join worker, has
     * nothing else queued. False on a platform thread, on a custom scheduler's carrier, and
     * whenever the carrier cannot be read.
     */
    static boolean currentCarrierIdle() {
        if (CURRENT_CARRIER == null || !Thread.currentThread().isVirtual()) {
            return false;
        }
        Thread carrier;
        try {
            carrier = (Thread) CURRENT_CARRIER.invokeExact();
        } catch (Throwable unexpected) {
            // the handle is a plain static getter; it declares Throwable only because handles do
            return false;
        }
        return carrier instanceof ForkJoinWorkerThread worker && worker.getQueuedTaskCount() == 0;
    }
}

package dev.weft.core;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Low level: the one cancellable park that every blocking call of Weft is built on, for code
 * that implements a blocking call itself, such as a transport of {@code dev.weft.net} waiting for
 * its selector. Applications do not need it: they block in Weft's own calls (channels, locks,
 * {@code join}, streams), which already wait this way. Like Trio's
 * {@code trio.lowlevel.wait_task_rescheduled} (ADR 0016).
 *
 * <p>The protocol: the caller registers its thread with a waker (a selector, a callback), then
 * calls {@link #parkUntil}. The waker makes the condition true and then calls
 * {@link java.util.concurrent.locks.LockSupport#unpark} on the registered thread.
 */
public final class Parking {
    private Parking() {}

    /**
     * Parks the current thread until {@code done} holds, or until the wait is cancelled.
     *
     * <p><b>Waking.</b> {@code done} is evaluated on the calling thread before the first park and
     * after every wake-up, so a waker that makes it true and then unparks the thread ends the
     * wait whether it does so before the park or during it (a wake before the park is not lost),
     * and a spurious wake-up only evaluates it again. {@code done} must not block, and its state
     * must be published safely (a volatile field, a lock, an atomic).
     *
     * <p><b>Cancellation.</b> While {@code done} is false, this checks for a cancellation before
     * each park: the current task's (a cancel scope, a deadline, its scope's failure), or, on a
     * thread that is not a task, an interrupt. It then calls {@code withdraw}, once, on this
     * thread, to take the registration back from the waker. If {@code withdraw} returns true,
     * this throws the cancellation; if it returns false (the waker decided the wait first), the
     * wait goes on, no longer cancellable, until {@code done} holds, and returns normally; the
     * cancellation is then raised at the task's next checkpoint. When {@code done} already holds,
     * this returns at once without looking for a cancellation: a call that must always be a
     * checkpoint calls {@link Weft#checkCancelled()} first.
     *
     * <p><b>Interrupts.</b> A task's interrupts only wake it for its cancellation, which is read
     * from the task: an interrupt that does not cancel it (a foreign one) is cleared so that the
     * thread can park again, and set again before this returns or throws. On a thread that is not
     * a task the interrupt is the cancellation, and it stays set.
     *
     * <p><b>Threads.</b> Call it from the thread that waits; {@code done} and {@code withdraw}
     * run on it. Any thread may wake it. This blocks; it holds no lock while parked.
     *
     * @param done true once the wait is over
     * @param blocker what the thread parks on, as {@link java.util.concurrent.locks.LockSupport}
     *     and a task dump show it
     * @param withdraw takes the registration back after a cancellation; false if the waker
     *     decided the wait first
     * @throws CancelledException if the task was cancelled (or the plain thread interrupted) and
     *     {@code withdraw} returned true; the thread is left interrupted
     * @throws RuntimeException the task's scope failure, the first time a failed scope's body is
     *     cancelled while it waits (as at any checkpoint)
     * @throws NullPointerException if an argument is null
     */
    public static void parkUntil(BooleanSupplier done, Object blocker, BooleanSupplier withdraw) {
        Objects.requireNonNull(done, "Parking.parkUntil: done is null; pass the condition that ends the wait");
        Objects.requireNonNull(blocker, "Parking.parkUntil: blocker is null; pass the object the thread waits on");
        Objects.requireNonNull(withdraw, "Parking.parkUntil: withdraw is null; pass what takes the registration "
                + "back after a cancellation (returning true), or () -> true if there is nothing to take back");
        Blocking.parkUntil(done, blocker, withdraw);
    }
}

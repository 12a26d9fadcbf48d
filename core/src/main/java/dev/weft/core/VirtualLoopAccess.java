package dev.weft.core;

import dev.weft.core.internal.TestingBridge;

/**
 * The virtual-time hooks of a loop, for {@code TestLoop}: open a confined loop on a
 * {@link VirtualClock}, move its clock, wait until every task blocks. {@code dev.weft.core.testing}
 * cannot see the package-private {@link LoopImpl}, so it reaches these through
 * {@link TestingBridge} (ADR 0015), with which this class registers when it is initialised.
 */
final class VirtualLoopAccess implements TestingBridge.VirtualLoops<Loop> {
    static {
        TestingBridge.register(new VirtualLoopAccess());
    }

    private VirtualLoopAccess() {}

    @Override
    public Loop open(Long seed, boolean autojump) {
        return LoopImpl.openVirtual(seed, autojump);
    }

    @Override
    public long now(Loop loop) {
        return loop.time();
    }

    /** Moves virtual time forward, fires what fell due, and waits until every task is blocked. */
    @Override
    public void advance(Loop loop, long nanos) {
        LoopImpl impl = (LoopImpl) loop;
        TaskImpl<?> task = requireVirtualTask(impl, "TestLoop.advance()");
        VirtualClock clock = impl.virtualClock;
        clock.advanceTo(Checks.saturatedAdd(clock.nanoTime(), nanos));
        impl.confined.fireDueTimers();
        impl.confined.awaitAllBlocked(task);
    }

    /** Waits until every other task of the loop is blocked and no callback is pending. */
    @Override
    public void awaitAllBlocked(Loop loop) {
        LoopImpl impl = (LoopImpl) loop;
        if (impl.confined == null) {
            throw new IllegalStateException("awaitAllBlocked() needs a confined loop: only there is "
                    + "\"every task is blocked\" well defined; use TestLoop.open() or LoopOptions.confined()");
        }
        impl.confined.awaitAllBlocked(Context.requireTask("awaitAllBlocked()"));
    }

    private static TaskImpl<?> requireVirtualTask(LoopImpl loop, String call) {
        if (loop.virtualClock == null) {
            throw new IllegalStateException(call + " needs a loop on virtual time: open one with TestLoop.open()");
        }
        TaskImpl<?> task = Context.requireTask(call);
        if (task.loop != loop) {
            throw new IllegalStateException(call + " was called from " + task.describe() + " of another loop; "
                    + "call it from a task of the TestLoop it belongs to");
        }
        return task;
    }
}

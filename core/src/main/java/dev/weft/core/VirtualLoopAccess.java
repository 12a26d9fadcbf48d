package dev.weft.core;

import dev.weft.core.internal.TestingBridge;

/**
 * {@code TestLoop}'s access to virtual-time loops, handed over through {@link TestingBridge}
 * (ADR 0015): {@code dev.weft.core.testing} cannot see the package-private {@link LoopImpl}.
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
        return ((LoopImpl) loop).time();
    }

    @Override
    public void advance(Loop loop, long nanos) {
        ((LoopImpl) loop).advanceVirtual(nanos);
    }

    @Override
    public void awaitAllBlocked(Loop loop) {
        ((LoopImpl) loop).awaitAllBlocked();
    }
}

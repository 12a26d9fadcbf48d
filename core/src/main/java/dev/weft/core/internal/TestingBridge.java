package dev.weft.core.internal;

import java.util.Objects;

/**
 * The one door from {@code dev.weft.core.testing} into the loop engine, which is package-private
 * in {@code dev.weft.core}. It sits in this unexported package because both sides import it and
 * it imports neither: {@code TestLoop} needs a virtual-clock loop that the public API does not
 * offer, and {@code dev.weft.core} may not import {@code dev.weft.core.testing} (that would be an
 * import loop). The same pattern as the JDK's {@code SharedSecrets}: the engine registers an
 * implementation when its class is initialised; the first caller initialises it by name.
 * ADR 0015 names this as the only public type outside the exported packages.
 */
public final class TestingBridge {
    /** The engine class that registers {@link VirtualLoops}; initialised on first use. */
    private static final String ENGINE = "dev.weft.core.VirtualLoopAccess";
    private static volatile VirtualLoops<?> virtualLoops;

    private TestingBridge() {}

    /**
     * What {@code TestLoop} needs of a virtual-time loop {@code L}.
     *
     * @param <L> the loop type ({@code dev.weft.core.Loop})
     */
    public interface VirtualLoops<L> {
        /** A confined loop on a virtual clock; {@code seed} null runs ready tasks in FIFO order. */
        L open(Long seed, boolean autojump);

        /** Virtual nanoseconds since {@code loop} opened. */
        long now(L loop);

        /** Moves {@code loop}'s clock forward, fires due timers, returns once the others block. */
        void advance(L loop, long nanos);

        /** Returns once every other task of {@code loop} is blocked and no callback is pending. */
        void awaitAllBlocked(L loop);
    }

    /** Called once, by the engine's class initialiser. */
    public static void register(VirtualLoops<?> loops) {
        virtualLoops = Objects.requireNonNull(loops, "register: loops is null");
    }

    /** The engine's virtual-loop access; initialises the engine class on first use. */
    public static VirtualLoops<?> virtualLoops() {
        VirtualLoops<?> loops = virtualLoops;
        if (loops == null) {
            try {
                Class.forName(ENGINE, true, TestingBridge.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the loop engine " + ENGINE + " is missing from dev.weft.core", e);
            }
            loops = virtualLoops;
        }
        return Objects.requireNonNull(loops, "the loop engine did not register its virtual loops");
    }
}

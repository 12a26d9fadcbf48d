package dev.weft.core;

/**
 * Where a loop's callbacks run, per its kind: on the thread running a parallel loop; on the
 * carrier thread of a confined loop, so that they never overlap one of its tasks.
 */
final class CallbackThreads {
    private CallbackThreads() {}

    static boolean isCallbackThread(LoopOptions options, Thread candidate, Thread runner) {
        if (!options.isConfined()) {
            return candidate == runner;
        }
        return !candidate.isVirtual() && candidate.getName().endsWith("-carrier");
    }
}

/**
 * Weft's test kit: {@link dev.weft.testing.WeftTest} runs a JUnit 5 test as a task of its own
 * {@code TestLoop}, on virtual time, and fails it if it leaves a task running.
 */
module dev.weft.testing {
    requires transitive dev.weft.core;
    requires transitive org.junit.jupiter.api;

    exports dev.weft.testing;
}

/**
 * Weft's runtime: loops, tasks, structured {@link dev.weft.core.TaskScope}s, deadlines and
 * cancellation. Start with {@link dev.weft.core.Weft}.
 */
module dev.weft.core {
    requires org.slf4j;
    requires jdk.jfr;
    requires java.management;

    // FailureLog looks for an SLF4J provider to decide whether to fall back to System.Logger.
    uses org.slf4j.spi.SLF4JServiceProvider;

    exports dev.weft.core;
    exports dev.weft.core.testing;
}

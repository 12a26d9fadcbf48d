/**
 * Weft's runtime: loops, tasks, structured {@link dev.weft.core.TaskScope}s, deadlines and
 * cancellation. Start with {@link dev.weft.core.Weft}.
 */
module dev.weft.core {
    requires org.slf4j;
    requires jdk.jfr;
    requires java.management;

    exports dev.weft.core;
    exports dev.weft.core.testing;
}

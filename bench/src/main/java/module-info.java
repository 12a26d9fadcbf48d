/** JMH benchmarks of Weft against raw virtual threads and the JDK; run with ./weft bench. */
module dev.weft.bench {
    requires dev.weft.core;
    requires jmh.core;
    requires java.management;
    requires dev.weft.net;
    requires io.netty.transport;
    requires io.netty.buffer;
    requires io.netty.common;

    exports dev.weft.bench;
    exports dev.weft.bench.jmh_generated;
}

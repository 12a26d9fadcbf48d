/** JMH benchmarks of Weft against raw virtual threads and the JDK; run with ./weft bench. */
module dev.weft.bench {
    requires dev.weft.core;
    requires jmh.core;
    requires java.management;

    exports dev.weft.bench;
    exports dev.weft.bench.jmh_generated;
}

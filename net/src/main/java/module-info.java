/**
 * Weft's networking: streams, servers, Unix sockets, UDP and TLS over a pluggable transport.
 * Start with {@link dev.weft.net.Net}. Transports plug in through {@link dev.weft.net.spi}; the
 * two built-in ones register through the same SPI a third party would use.
 */
module dev.weft.net {
    requires transitive dev.weft.core;
    requires org.slf4j;

    exports dev.weft.net;
    exports dev.weft.net.spi;

    uses dev.weft.net.spi.TransportProvider;

    provides dev.weft.net.spi.TransportProvider with
            dev.weft.net.internal.nio.NioTransportProvider,
            dev.weft.net.internal.blocking.BlockingTransportProvider;
}

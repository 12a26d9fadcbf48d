package dev.weft.net.internal.blocking;

import dev.weft.net.spi.Transport;
import dev.weft.net.spi.TransportProvider;

/** Registers the {@code blocking} transport (blocking JDK channels on virtual threads). */
public final class BlockingTransportProvider implements TransportProvider {
    /** The name users choose it by. */
    public static final String NAME = "blocking";

    /** For {@link java.util.ServiceLoader}. */
    public BlockingTransportProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transport open() {
        return new BlockingTransport(NAME);
    }
}

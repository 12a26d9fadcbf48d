package dev.weft.net.internal.nio;

import dev.weft.net.spi.Transport;
import dev.weft.net.spi.TransportProvider;

/** Registers the {@code nio} transport (non-blocking channels, one selector thread per instance). */
public final class NioTransportProvider implements TransportProvider {
    /** The name users choose it by. */
    public static final String NAME = "nio";

    /** For {@link java.util.ServiceLoader}. */
    public NioTransportProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transport open() {
        return NioTransport.open(NAME);
    }
}

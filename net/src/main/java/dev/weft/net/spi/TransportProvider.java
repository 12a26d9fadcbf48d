package dev.weft.net.spi;

/**
 * A named factory of {@link Transport}s, found through {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * // module-info.java of a transport module
 * provides dev.weft.net.spi.TransportProvider with com.example.MyTransportProvider;
 * }</pre>
 *
 * Weft picks a provider by name: {@code NetOptions.withTransport("nio")} for one call, or the
 * system property {@code weft.transport} for a whole program. Implementations need a public
 * no-argument constructor and must be thread-safe.
 */
public interface TransportProvider {

    /** The name users choose this transport by, e.g. {@code "nio"}: lower case, no spaces. */
    String name();

    /**
     * Opens a new transport instance; the caller closes it. Weft opens one shared instance per
     * provider on first use and keeps it for the life of the JVM.
     */
    Transport open();
}

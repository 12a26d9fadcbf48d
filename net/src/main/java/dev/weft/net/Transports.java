package dev.weft.net;

import dev.weft.net.spi.Readiness;
import dev.weft.net.spi.Transport;
import dev.weft.net.spi.TransportProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transports found through {@link ServiceLoader}, and one shared instance of each, opened on
 * first use and kept for the life of the JVM (their threads are daemons).
 */
final class Transports {
    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);
    static final String DEFAULT = "nio";

    private static volatile Map<String, TransportProvider> providers;
    private static final ConcurrentHashMap<String, Transport> SHARED = new ConcurrentHashMap<>();

    private Transports() {}

    static Map<String, TransportProvider> providers() {
        Map<String, TransportProvider> p = providers;
        if (p == null) {
            synchronized (Transports.class) {
                p = providers;
                if (p == null) {
                    p = new LinkedHashMap<>();
                    for (TransportProvider provider : ServiceLoader.load(TransportProvider.class,
                            Transports.class.getClassLoader())) {
                        TransportProvider first = p.putIfAbsent(provider.name(), provider);
                        if (first != null) {
                            LOG.warn("two transports are named '{}': {} and {}; using the first", provider.name(),
                                    first.getClass().getName(), provider.getClass().getName());
                        }
                    }
                    providers = p;
                }
            }
        }
        return p;
    }

    static TransportProvider provider(String name) {
        TransportProvider p = providers().get(name);
        if (p == null) {
            throw new IllegalArgumentException("no transport named '" + name + "'; the transports found are "
                    + providers().keySet() + " (a third-party one registers a dev.weft.net.spi.TransportProvider "
                    + "with ServiceLoader)");
        }
        return p;
    }

    /** The default name: the system property, else nio. */
    static String defaultName() {
        String name = System.getProperty(NetOptions.TRANSPORT_PROPERTY, DEFAULT).trim();
        if (name.isEmpty()) {
            return DEFAULT;
        }
        if (!providers().containsKey(name)) {
            throw new IllegalArgumentException("system property " + NetOptions.TRANSPORT_PROPERTY + " is '" + name
                    + "', but no transport has that name; use one of " + providers().keySet()
                    + ", or leave it unset for " + DEFAULT);
        }
        return name;
    }

    static Transport shared(String name) {
        Transport t = SHARED.get(name);
        if (t == null) {
            t = SHARED.computeIfAbsent(name, n -> provider(n).open());
        }
        return t;
    }

    static Transport of(NetOptions options) {
        if (options.transport() != null) {
            return options.transport();
        }
        return shared(options.transportName() != null ? options.transportName() : defaultName());
    }

    /** Readiness from the chosen transport, or else from the first transport that has it. */
    static Readiness readiness(NetOptions options) {
        Transport chosen = of(options);
        var own = chosen.readiness();
        if (own.isPresent()) {
            return own.get();
        }
        for (String name : providers().keySet()) {
            var r = shared(name).readiness();
            if (r.isPresent()) {
                return r.get();
            }
        }
        throw new UnsupportedOperationException("the low-level socket calls need a transport with readiness "
                + "notifications, and none of " + providers().keySet() + " has them; add the 'nio' transport");
    }
}

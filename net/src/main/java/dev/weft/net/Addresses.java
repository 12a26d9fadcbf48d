package dev.weft.net;

import dev.weft.core.Weft;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/** Argument checks and name resolution. */
final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Addresses() {}

    static void checkHost(String host, String call) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(call + ": the host is " + (host == null ? "null" : "blank")
                    + "; pass a name or an address such as \"127.0.0.1\"");
        }
    }

    static void checkPort(int port, boolean zeroAllowed, String call) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new IllegalArgumentException(call + ": port " + port + " is out of range; use 1-65535"
                    + (zeroAllowed ? ", or 0 to let the system choose a free one" : ""));
        }
    }

    static boolean isLiteral(String host) {
        return IPV4.matcher(host).matches() || host.indexOf(':') >= 0;
    }

    /**
     * The addresses of {@code host}. Literals are parsed here; names are looked up on a
     * platform thread ({@code getaddrinfo} blocks its thread), as asyncio does in an executor.
     */
    static List<InetAddress> resolve(String host) throws IOException {
        try {
            if (isLiteral(host)) {
                return List.of(InetAddress.getByName(host));
            }
            return List.of(Weft.toThread(() -> InetAddress.getAllByName(host)));
        } catch (UnknownHostException e) {
            UnknownHostException clear = new UnknownHostException("cannot resolve host '" + host + "': "
                    + (isLiteral(host) ? "it is not a valid IP address" : "no such name (" + e.getMessage()
                    + "); check the spelling and the DNS settings, or use an IP address such as 127.0.0.1"));
            clear.initCause(e);
            throw clear;
        }
    }
}

package dev.weft.net.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;

/**
 * Opening channels the same way in every built-in transport: the protocol family of an address,
 * a bound listening channel, a bound (and maybe connected) datagram channel. Each returns the
 * channel in blocking mode; a transport that wants non-blocking switches it. A channel that
 * fails to bind or connect is closed before the exception leaves.
 */
public final class Channels {
    private Channels() {}

    /** UNIX for a Unix-domain address, INET6 for an IPv6 one, else INET. */
    public static ProtocolFamily family(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress) {
            return StandardProtocolFamily.UNIX;
        }
        if (address instanceof InetSocketAddress inet && inet.getAddress() instanceof Inet6Address) {
            return StandardProtocolFamily.INET6;
        }
        return StandardProtocolFamily.INET;
    }

    /** A listening channel bound to {@code local} (SO_REUSEADDR on for IP addresses). */
    public static ServerSocketChannel openBoundServer(SocketAddress local, int backlog) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open(family(local));
        try {
            if (local instanceof InetSocketAddress) {
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            ch.bind(local, backlog);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A datagram channel bound to {@code local} (null: any) and connected to {@code remote} if not null. */
    public static DatagramChannel openBoundDatagram(SocketAddress local, SocketAddress remote) throws IOException {
        DatagramChannel ch = DatagramChannel.open(family(local != null ? local : remote));
        try {
            ch.bind(local);
            if (remote != null) {
                ch.connect(remote);
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }
}

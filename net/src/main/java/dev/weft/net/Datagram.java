package dev.weft.net;

import java.net.SocketAddress;
import java.util.Objects;

/**
 * One UDP datagram received by a {@link DatagramEndpoint}: its bytes and who sent it.
 *
 * @param data the payload (the array belongs to the receiver)
 * @param sender the sender's address
 */
public record Datagram(byte[] data, SocketAddress sender) {
    /** Checks that neither component is null. */
    public Datagram {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(sender, "sender");
    }
}

package dev.weft.net;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * A UDP socket (asyncio's {@code create_datagram_endpoint}, written as blocking calls on a task
 * rather than a protocol object).
 *
 * <pre>{@code
 * try (DatagramEndpoint server = Net.openDatagramEndpoint("127.0.0.1", 9999)) {
 *     Datagram d = server.receive();                       // blocks this task
 *     server.sendTo(reverse(d.data()), d.sender());
 * }
 * try (DatagramEndpoint client = Net.connectDatagramEndpoint("127.0.0.1", 9999)) {
 *     client.send("hello".getBytes(UTF_8));
 *     byte[] reply = Weft.failAfter(Duration.ofSeconds(1), () -> client.receive().data());
 * }
 * }</pre>
 *
 * <h2>Blocking and cancellation</h2>
 * {@link #receive()} blocks and is a cancellation point; a datagram that arrives for a cancelled
 * receive is returned by the next one. UDP may lose datagrams: put a deadline around a receive
 * that waits for a reply. Sends do not wait for the peer.
 *
 * <h2>Exceptions</h2>
 * {@link java.net.PortUnreachableException} on a connected endpoint when the peer's system
 * answered that nothing listens on its port; {@link IllegalArgumentException} for a datagram
 * larger than UDP allows (65,507 bytes over IPv4).
 *
 * <h2>Thread-safety</h2>
 * Any task may send; one task at a time may receive.
 */
public sealed interface DatagramEndpoint extends AutoCloseable permits DatagramEndpointImpl {
    /** The largest UDP payload over IPv4. */
    int MAX_PAYLOAD = 65_507;

    /**
     * Sends one datagram to the connected peer.
     *
     * @throws IllegalStateException if the endpoint is not connected
     */
    void send(byte[] data) throws IOException;

    /** Sends one datagram to {@code target}. */
    void sendTo(byte[] data, SocketAddress target) throws IOException;

    /** Waits for the next datagram. A cancellation point. */
    Datagram receive() throws IOException;

    /** The bound address. */
    SocketAddress localAddress();

    /** The connected peer, or null. */
    SocketAddress remoteAddress();

    /** Closes the socket; a blocked receive throws. Idempotent. */
    @Override
    void close();
}

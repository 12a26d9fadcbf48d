/**
 * The transport SPI: how Weft's streams reach the operating system's sockets. A transport is
 * found through {@link java.util.ServiceLoader} as a {@link dev.weft.net.spi.TransportProvider};
 * Weft's own two (selector-based {@code nio} and {@code blocking}) register exactly as a third
 * party would, with {@code provides dev.weft.net.spi.TransportProvider with ...} in their
 * {@code module-info} (and a {@code META-INF/services} file for the class path).
 *
 * <p>Five small interfaces:
 * <ul>
 * <li>{@link dev.weft.net.spi.TransportProvider}: a name and a factory;</li>
 * <li>{@link dev.weft.net.spi.Transport}: opens connections, listeners and datagram ports;</li>
 * <li>{@link dev.weft.net.spi.ByteStream}: one connected stream socket (TCP or Unix);</li>
 * <li>{@link dev.weft.net.spi.Listener}: a listening socket;</li>
 * <li>{@link dev.weft.net.spi.DatagramPort}: a UDP socket;</li>
 * </ul>
 * and one optional capability, {@link dev.weft.net.spi.Readiness}, for the low-level calls on
 * plain channels ({@link dev.weft.net.Sockets}).
 *
 * <h2>The contract every transport keeps</h2>
 * <ul>
 * <li>Calls that block are called from Weft tasks and are cancellation points: a cancelled or
 *     timed-out task gets {@link dev.weft.core.CancelledException} from them.</li>
 * <li><b>Cancelling a blocked read, accept or receive neither closes the socket nor loses
 *     data</b>: bytes, connections or datagrams that arrive for a cancelled call are returned by
 *     the next one. Weft cancels a task by interrupting its virtual thread, and the JDK closes an
 *     {@link java.nio.channels.InterruptibleChannel} whose blocking operation is interrupted, so a
 *     transport must never run a blocking channel operation on a task's thread where a
 *     cancellation could reach it (see {@code docs/adr/0007-net-transports.md}).</li>
 * <li>Cancelling a blocked write leaves the socket open; the buffer's position then counts the
 *     bytes the transport committed to send.</li>
 * <li>{@code close()} never waits for the peer (at most for a short hand-off to the transport's
 *     own thread), may be called from any thread, releases the file descriptor before it
 *     returns, and wakes every call blocked on the object with an {@link java.io.IOException}.</li>
 * </ul>
 * Weft's behaviour suite (the abstract {@code TransportBehaviourSuite} in net's test sources)
 * checks all of this against real loopback sockets; each built-in transport reruns it with a
 * ten-line subclass, and a third-party transport can do the same (the suite is not yet published
 * as a test jar: copy it).
 */
package dev.weft.net.spi;

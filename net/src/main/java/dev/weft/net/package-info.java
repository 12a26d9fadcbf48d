/**
 * Weft's networking: asyncio's streams and sockets on Weft tasks.
 *
 * <ul>
 * <li>{@link dev.weft.net.Net}: {@code openConnection}, {@code startServer}, Unix sockets, UDP;</li>
 * <li>{@link dev.weft.net.Connection}, {@link dev.weft.net.StreamReader},
 *     {@link dev.weft.net.StreamWriter}: a stream and its two halves;</li>
 * <li>{@link dev.weft.net.Server}: a listening socket whose handlers are tasks of its scope;</li>
 * <li>{@link dev.weft.net.DatagramEndpoint}: UDP;</li>
 * <li>{@link dev.weft.net.Sockets}: the low-level calls on plain channels
 *     ({@code sock_accept}, {@code sock_recv}, {@code sock_sendall}, {@code sock_connect});</li>
 * <li>{@link dev.weft.net.NetOptions}: transport, timeouts, limits, TLS;</li>
 * <li>{@link dev.weft.net.Net#pipe()}, {@link dev.weft.net.Pipe}: two connections joined in
 *     memory, to test protocol code without sockets.</li>
 * </ul>
 *
 * The bytes travel over a pluggable transport ({@link dev.weft.net.spi}): {@code nio} (a
 * selector thread, non-blocking channels; the default) or {@code blocking} (blocking channels on
 * virtual threads), chosen per call with {@link dev.weft.net.NetOptions#withTransport(String)} or
 * for the whole program with {@code -Dweft.transport=blocking}. Cancelling a task blocked in a
 * read never closes or corrupts its connection; see {@code docs/adr/0007-net-transports.md}.
 */
package dev.weft.net;

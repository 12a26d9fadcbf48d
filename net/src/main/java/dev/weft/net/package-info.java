/**
 * Weft's networking: streams, sockets and the transport SPI. Under construction: see issue 5.
 */
package dev.weft.net;

package dev.weft.net.spi;

import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * Readiness notifications for channels in non-blocking mode that the caller owns: the
 * machinery behind asyncio's {@code sock_recv}, {@code sock_sendall}, {@code sock_accept} and
 * {@code sock_connect} ({@link dev.weft.net.Sockets}). Optional: a transport without a selector
 * has none.
 */
public interface Readiness {

    /**
     * Blocks until {@code channel} is probably ready for {@code op} (one of
     * {@link java.nio.channels.SelectionKey}'s {@code OP_*} constants), or has been closed. Wake-ups
     * may be spurious: retry the operation and wait again if it did nothing. A cancellation point;
     * a cancelled wait leaves no interest behind.
     *
     * @throws java.nio.channels.IllegalBlockingModeException if the channel is in blocking mode
     */
    void awaitReady(SelectableChannel channel, int op) throws IOException;
}

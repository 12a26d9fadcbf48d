package dev.weft.core;

/**
 * Thrown by {@link ReceiveChannel#receive()} when the channel has ended: every
 * {@link SendChannel} handle was closed and the buffer is drained (Trio's {@code EndOfChannel}).
 * It is the normal end of a stream, not an error: iterating a {@code ReceiveChannel} stops here
 * instead of throwing. Distinct from {@link BrokenChannelException} (the other side is gone
 * while this side sends) and {@link ClosedResourceException} (this handle was closed).
 */
public class EndOfChannelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which channel ended */
    public EndOfChannelException(String message) {
        super(message);
    }
}

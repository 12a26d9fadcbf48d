package dev.weft.core;

/**
 * Thrown when code uses a handle that was closed: a {@link SendChannel} or
 * {@link ReceiveChannel} after its {@code close()} (Trio's {@code ClosedResourceError}). A call
 * blocked on a handle when another task closes that handle wakes with it. It is a bug in the
 * caller, unlike {@link EndOfChannelException} and {@link BrokenChannelException}, which report
 * what the other side did.
 */
public class ClosedResourceException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message which handle and which call */
    public ClosedResourceException(String message) {
        super(message);
    }
}

package dev.weft.core;

/**
 * Thrown by {@link SendChannel#send(Object)} when nobody can ever receive the item: every
 * {@link ReceiveChannel} handle of the channel was closed (Trio's {@code BrokenResourceError}).
 * Senders blocked when the last receiver closes wake with it, and items still buffered are
 * dropped. Distinct from {@link EndOfChannelException} (the receiving side's normal end) and
 * {@link ClosedResourceException} (the handle used was closed).
 */
public class BrokenChannelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which channel is broken */
    public BrokenChannelException(String message) {
        super(message);
    }
}

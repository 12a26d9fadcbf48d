package dev.weft.net;

import java.io.IOException;

/**
 * A line or a {@link StreamReader#readUntil(byte[]) readUntil} chunk is longer than the reader's
 * limit (asyncio's {@code LimitOverrunError}); the limit keeps a peer from filling memory with one
 * endless line. What happens to the bytes depends on the call, see
 * {@link StreamReader#readLine()} and {@link StreamReader#readUntil(byte[])}. Raise the limit
 * with {@link NetOptions#withReadLimit(int)}.
 */
public final class LimitOverrunException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int consumed;

    /**
     * @param message what overran
     * @param consumed how many buffered bytes the caller would have to consume to pass the chunk
     */
    public LimitOverrunException(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /**
     * For {@code readUntil}: how many bytes are buffered ahead of (or without) the separator;
     * {@code readExactly(consumed())} skips them. For {@code readLine}: how many were dropped.
     */
    public int consumed() {
        return consumed;
    }
}

package dev.weft.net;

import java.io.EOFException;

/**
 * The stream ended before a read had what it asked for (asyncio's {@code IncompleteReadError}):
 * {@link StreamReader#readExactly(int)} got fewer bytes than asked, or
 * {@link StreamReader#readUntil(byte[])} reached the end without the separator. The bytes that
 * did arrive are in {@link #partial()}; the reader is at end of stream afterwards.
 */
public final class IncompleteReadException extends EOFException {
    private static final long serialVersionUID = 1L;

    private final byte[] partial;
    private final int expected;

    /**
     * @param partial the bytes read before the end
     * @param expected how many bytes were asked for, or -1 when a separator was
     */
    public IncompleteReadException(byte[] partial, int expected) {
        super(expected >= 0
                ? "the stream ended after " + partial.length + " of the " + expected + " bytes asked for; "
                  + "the bytes that arrived are in partial(). The peer closed early or sent a shorter message"
                : "the stream ended after " + partial.length + " bytes without the separator; the bytes that "
                  + "arrived are in partial(). The peer closed before finishing its message");
        this.partial = partial.clone();
        this.expected = expected;
    }

    /** The bytes read before the stream ended (a copy). */
    public byte[] partial() {
        return partial.clone();
    }

    /** How many bytes were asked for, or -1 when the read was looking for a separator. */
    public int expected() {
        return expected;
    }
}

package dev.weft.net;

import java.nio.ByteBuffer;

/**
 * {@link StreamReader#transferTo}'s buffer: direct (the socket reads into it and writes from it
 * without the JDK's copy), sized by what reads bring. It doubles, up to {@link #MAX}, after a
 * read that filled it (more was waiting than fit, and each slice would cost a read and a write),
 * and halves, down to {@link #MIN}, after {@link #SMALL_READS} reads in a row that used less
 * than a quarter of it, so a connection that carried one large burst does not keep a large
 * buffer. The resize happens when the next read asks for the buffer, after the last one's bytes
 * were written ({@link StreamWriter#write(ByteBuffer)} copies what it keeps). Not thread-safe:
 * one transfer owns it.
 */
final class TransferBuffer {
    static final int MIN = 16 * 1024;
    static final int MAX = 256 * 1024;
    static final int SMALL_READS = 8;

    private ByteBuffer buffer = ByteBuffer.allocateDirect(MIN);
    private int lastRead = -1;
    private int smallReads;

    /** The buffer for the next read, cleared, resized by what the last read brought. */
    ByteBuffer forRead() {
        int capacity = buffer.capacity();
        if (lastRead == capacity && capacity < MAX) {
            smallReads = 0;
            buffer = ByteBuffer.allocateDirect(capacity * 2); // the old one is freed by its Cleaner
        } else if (lastRead >= 0 && lastRead < capacity / 4 && capacity > MIN) {
            if (++smallReads >= SMALL_READS) {
                smallReads = 0;
                buffer = ByteBuffer.allocateDirect(capacity / 2);
            }
        } else {
            smallReads = 0;
        }
        lastRead = -1;
        return buffer.clear();
    }

    /** Records that the read into {@link #forRead()}'s buffer brought {@code n} bytes. */
    void read(int n) {
        lastRead = n;
    }

    /** The capacity the next read gets if nothing is resized (tests and diagnostics). */
    int capacity() {
        return buffer.capacity();
    }
}

package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** transferTo's buffer: grows while reads fill it, shrinks after a run of small reads, within bounds. */
class TransferBufferTest {

    /** One read into the buffer of {@code n} bytes (at most its room); returns the room it had. */
    private static int read(TransferBuffer b, int n) {
        ByteBuffer buf = b.forRead();
        int room = buf.remaining();
        b.read(Math.min(n, room));
        return room;
    }

    @Test
    void startsDirectAtTheMinimumAndDoublesAfterEachFullReadUpToTheMaximum() {
        TransferBuffer b = new TransferBuffer();
        assertTrue(b.forRead().isDirect());
        assertEquals(TransferBuffer.MIN, read(b, Integer.MAX_VALUE));
        assertEquals(2 * TransferBuffer.MIN, read(b, Integer.MAX_VALUE));
        int room = 0;
        for (int i = 0; i < 10; i++) {
            room = read(b, Integer.MAX_VALUE);
        }
        assertEquals(TransferBuffer.MAX, room, "it stops growing at the maximum");
        assertEquals(TransferBuffer.MAX, read(b, Integer.MAX_VALUE));
    }

    @Test
    void aReadThatLeavesRoomKeepsTheSize() {
        TransferBuffer b = new TransferBuffer();
        read(b, Integer.MAX_VALUE);
        int room = read(b, 20_000); // 32 KiB offered, more than a quarter used
        for (int i = 0; i < 3 * TransferBuffer.SMALL_READS; i++) {
            assertEquals(room, read(b, 20_000));
        }
    }

    @Test
    void halvesAfterARunOfSmallReadsButNotBelowTheMinimum() {
        TransferBuffer b = new TransferBuffer();
        while (read(b, Integer.MAX_VALUE) < TransferBuffer.MAX) {
            // grow to the maximum
        }
        read(b, 10); // the buffer is at its maximum now; small reads from here
        int before = b.capacity();
        for (int i = 1; i < TransferBuffer.SMALL_READS; i++) {
            assertEquals(before, read(b, 10), "still " + before + " after " + i + " small reads");
        }
        assertEquals(before / 2, read(b, 10), "halved after " + TransferBuffer.SMALL_READS + " small reads in a row");
        for (int i = 0; i < 20 * TransferBuffer.SMALL_READS; i++) {
            read(b, 10);
        }
        assertEquals(TransferBuffer.MIN, read(b, 10), "never below the minimum");
    }

    @Test
    void aLargeReadInTheMiddleRestartsTheCountOfSmallOnes() {
        TransferBuffer b = new TransferBuffer();
        read(b, Integer.MAX_VALUE);
        read(b, Integer.MAX_VALUE);
        int size = read(b, 20_000); // 64 KiB now; a read of more than a quarter keeps it
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < TransferBuffer.SMALL_READS - 1; i++) {
                read(b, 10);
            }
            read(b, size / 2); // a large read: the run of small ones starts again
        }
        assertEquals(size, read(b, 10));
    }
}

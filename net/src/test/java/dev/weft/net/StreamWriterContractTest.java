package dev.weft.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.Weft;
import org.junit.jupiter.api.Test;

/** The writer's state rules, on a scripted stream. */
class StreamWriterContractTest {

    @Test
    void writingAfterShutdownOrCloseIsACallerError() throws Exception {
        Weft.run(() -> {
            ScriptedByteStream stream = new ScriptedByteStream();
            Connection conn = new StreamConnection(stream, "scripted", null, NetOptions.defaults());
            StreamWriter w = conn.writer();
            w.write("before".getBytes(UTF_8));
            w.shutdownOutput();
            IllegalStateException afterEof = assertThrows(IllegalStateException.class, () -> w.write(new byte[1]));
            assertTrue(afterEof.getMessage().contains("after shutdownOutput()"), afterEof.getMessage());
            conn.close();
            assertTrue(conn.isClosed());
            assertFalse(stream.isOpen());
            IllegalStateException afterClose = assertThrows(IllegalStateException.class, () -> w.write(new byte[1]));
            assertTrue(afterClose.getMessage().contains("closed on this side"), afterClose.getMessage());
            assertEquals("before", new String(stream.written(), UTF_8));
            conn.close(); // idempotent
        });
    }

    @Test
    void waterMarksMustBeOrdered() throws Exception {
        Weft.run(() -> {
            StreamWriter w = new StreamConnection(new ScriptedByteStream(), "scripted", null, NetOptions.defaults())
                    .writer();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.setWaterMarks(10, 20));
            assertTrue(e.getMessage().contains("0 <= low <= high"), e.getMessage());
            w.setWaterMarks(20, 10);
        });
    }
}

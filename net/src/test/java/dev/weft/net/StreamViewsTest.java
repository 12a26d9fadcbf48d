package dev.weft.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.DeadlineExceededException;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import dev.weft.core.testing.TestLoop;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** InputStream and OutputStream views of a connection's reader and writer. */
@Timeout(20)
class StreamViewsTest {

    @Test
    void jdkStreamsReadAndWriteThroughTheViews() throws Exception {
        Weft.run(() -> {
            try (Pipe pipe = Net.pipe(); TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> {
                    try (DataOutputStream out = new DataOutputStream(pipe.left().writer().asOutputStream())) {
                        out.writeInt(42);
                        out.writeUTF("weft");
                    }
                    return null;
                });
                DataInputStream in = new DataInputStream(pipe.right().reader().asInputStream());
                assertEquals(42, in.readInt());
                assertEquals("weft", in.readUTF());
                assertEquals(-1, in.read(), "closing the OutputStream view shuts down the output");
                scope.join();
            }
        });
    }

    @Test
    void aGzipStreamRoundTripsOverTheConnection() throws Exception {
        Weft.run(() -> {
            try (Pipe pipe = Net.pipe(); TaskScope scope = TaskScope.open()) {
                String text = "line\n".repeat(20_000);
                scope.spawn(() -> {
                    try (OutputStream out = new GZIPOutputStream(pipe.left().writer().asOutputStream())) {
                        out.write(text.getBytes(UTF_8));
                    }
                    return null;
                });
                try (BufferedReader in = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(pipe.right().reader().asInputStream()), UTF_8))) {
                    StringBuilder got = new StringBuilder();
                    for (String line; (line = in.readLine()) != null; ) {
                        got.append(line).append('\n');
                    }
                    assertEquals(text, got.toString());
                }
                scope.join();
            }
        });
    }

    @Test
    void aCancelledViewReadConsumesNothing() throws Exception {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (Pipe pipe = Net.pipe()) {
                    InputStream in = pipe.right().reader().asInputStream();
                    byte[] buf = new byte[8];
                    assertThrows(DeadlineExceededException.class,
                            () -> Weft.failAfter(Duration.ofSeconds(30), () -> in.read(buf)));
                    pipe.left().writer().write("ok".getBytes(UTF_8));
                    assertEquals(2, in.read(buf));
                    assertEquals("ok", new String(buf, 0, 2, UTF_8));
                }
            });
        }
    }

    @Test
    void closingTheInputViewLeavesTheConnectionOpen() throws Exception {
        Weft.run(() -> {
            try (Pipe pipe = Net.pipe()) {
                InputStream in = pipe.right().reader().asInputStream();
                in.close();
                IOException closed = assertThrows(IOException.class, in::read);
                assertTrue(closed.getMessage().contains("closed InputStream view"), closed.getMessage());
                assertFalse(pipe.right().isClosed());
                pipe.left().writer().write("still".getBytes(UTF_8));
                assertArrayEquals("still".getBytes(UTF_8), pipe.right().reader().readExactly(5));
            }
        });
    }

    @Test
    void aWriteAfterClosingTheOutputViewSaysWhy() throws Exception {
        Weft.run(() -> {
            try (Pipe pipe = Net.pipe()) {
                OutputStream out = pipe.left().writer().asOutputStream();
                out.close();
                out.close(); // idempotent
                IOException closed = assertThrows(IOException.class, () -> out.write(1));
                assertTrue(closed.getMessage().contains("closed OutputStream view"), closed.getMessage());
            }
        });
    }
}

package org.example.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.weft.core.TaskScope;
import dev.weft.net.Connection;
import dev.weft.net.Net;
import dev.weft.net.Pipe;
import dev.weft.testing.WeftTest;
import java.io.IOException;

/** A line protocol tested over Net.pipe(): no socket, no port. */
class PipeProtocolTest {
    static void upperCaseServer(Connection conn) throws IOException {
        byte[] line;
        while ((line = conn.reader().readLine()).length > 0) {
            conn.writer().write(new String(line, UTF_8).toUpperCase().getBytes(UTF_8));
        }
        conn.writer().shutdownOutput();
    }

    @WeftTest
    void theServerAnswersEachLineInUpperCase() throws Exception {
        try (Pipe pipe = Net.pipe(); TaskScope scope = TaskScope.open()) {
            scope.spawn(() -> {
                upperCaseServer(pipe.right());
                return null;
            });
            pipe.left().writer().write("hello\nweft\n".getBytes(UTF_8));
            pipe.left().writer().shutdownOutput();
            assertArrayEquals("HELLO\n".getBytes(UTF_8), pipe.left().reader().readLine());
            assertArrayEquals("WEFT\n".getBytes(UTF_8), pipe.left().reader().readLine());
            assertArrayEquals(new byte[0], pipe.left().reader().readLine());
            scope.join();
        }
    }
}

package dev.weft.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.DeadlineExceededException;
import dev.weft.core.NoRunningLoopException;
import dev.weft.core.Task;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import dev.weft.core.testing.TestLoop;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Net.pipe(): two connections joined in memory behave as a socket pair. */
@Timeout(20)
class PipeConnectionTest {

    @Test
    void whatOneEndWritesTheOtherReadsBothWays() throws Exception {
        Weft.run(() -> {
            try (Pipe pipe = Net.pipe(); TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> {
                    byte[] line = pipe.right().reader().readLine();
                    pipe.right().writer().write(("echo " + new String(line, UTF_8)).getBytes(UTF_8));
                    pipe.right().writer().drain();
                    return null;
                });
                pipe.left().writer().write("ping\n".getBytes(UTF_8));
                assertArrayEquals("echo ping\n".getBytes(UTF_8), pipe.left().reader().readLine());
                scope.join();
                assertEquals("memory", pipe.left().transportName());
                assertEquals(pipe.left().localAddress(), pipe.right().remoteAddress());
                assertTrue(pipe.left().localAddress().toString().startsWith("memory:pipe-"));
            }
        });
    }

    @Test
    void shutdownOutputGivesThePeerEndOfStreamAfterTheBytes() throws Exception {
        Weft.run(() -> {
            try (Pipe pipe = Net.pipe()) {
                pipe.left().writer().write("last words".getBytes(UTF_8));
                pipe.left().writer().shutdownOutput();
                assertArrayEquals("last words".getBytes(UTF_8), pipe.right().reader().read(100));
                assertArrayEquals(new byte[0], pipe.right().reader().read(100));
                assertTrue(pipe.right().reader().atEof());
                pipe.right().writer().write("still open".getBytes(UTF_8));
                assertArrayEquals("still open".getBytes(UTF_8), pipe.left().reader().readExactly(10));
            }
        });
    }

    @Test
    void closingOneEndGivesThePeerEndOfStreamAndBreaksItsWrites() throws Exception {
        Weft.run(() -> {
            MemoryByteStream[] ends = MemoryByteStream.pair();
            ends[0].write(ByteBuffer.wrap("bye".getBytes(UTF_8)));
            ends[0].close();
            assertFalse(ends[0].isOpen());
            ByteBuffer dst = ByteBuffer.allocate(10);
            assertEquals(3, ends[1].read(dst));
            assertEquals(-1, ends[1].read(dst));
            SocketException broken = assertThrows(SocketException.class,
                    () -> ends[1].write(ByteBuffer.wrap(new byte[1])));
            assertTrue(broken.getMessage().contains("broken pipe"), broken.getMessage());
            assertThrows(SocketException.class, () -> ends[0].read(ByteBuffer.allocate(1)));
        });
    }

    @Test
    void aWriterBlocksWhileThePeersBufferIsFullAndResumesAsItReads() throws Exception {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                MemoryByteStream[] ends = MemoryByteStream.pair();
                byte[] payload = new byte[MemoryByteStream.CAPACITY + 1000];
                try (TaskScope scope = TaskScope.open()) {
                    Task<Void> writer = scope.spawn(() -> {
                        ends[0].write(ByteBuffer.wrap(payload));
                        return null;
                    });
                    test.awaitAllBlocked();
                    assertFalse(writer.isDone(), "the writer should block on a full buffer");
                    ByteBuffer dst = ByteBuffer.allocate(payload.length);
                    while (dst.hasRemaining()) {
                        ends[1].read(dst);
                    }
                    scope.join();
                    assertTrue(writer.isDone());
                }
            });
        }
    }

    @Test
    void aCancelledReadTakesNothingAndTheNextReadGetsTheBytes() throws Exception {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                try (Pipe pipe = Net.pipe()) {
                    assertThrows(DeadlineExceededException.class,
                            () -> Weft.failAfter(Duration.ofSeconds(5), () -> pipe.right().reader().readExactly(4)));
                    pipe.left().writer().write("abcd".getBytes(UTF_8));
                    assertArrayEquals("abcd".getBytes(UTF_8), pipe.right().reader().readExactly(4));
                }
            });
        }
    }

    @Test
    void aBlockedRawReadIsACancellationPoint() throws Exception {
        try (TestLoop test = TestLoop.open()) {
            test.run(() -> {
                MemoryByteStream[] ends = MemoryByteStream.pair();
                try (TaskScope scope = TaskScope.openSupervisor()) {
                    Task<Integer> reader = scope.spawn(() -> ends[1].read(ByteBuffer.allocate(4)));
                    test.awaitAllBlocked();
                    assertFalse(reader.isDone(), "the read should wait for bytes");
                    reader.cancel("test");
                    scope.join();
                    assertTrue(reader.isCancelled());
                }
                ends[0].write(ByteBuffer.wrap(new byte[] {7}));
                ByteBuffer dst = ByteBuffer.allocate(4);
                assertEquals(1, ends[1].read(dst));
            });
        }
    }

    @Test
    void pipeOutsideATaskSaysWhy() {
        assertThrows(NoRunningLoopException.class, Net::pipe);
    }

}

package dev.weft.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.Task;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The reader's parsing, on a scripted stream that hands out bytes in chosen chunks. */
class StreamReaderParsingTest {

    private static StreamReader reader(ScriptedByteStream stream, int limit) {
        return new StreamConnection(stream, "scripted", null, NetOptions.defaults().withReadLimit(limit)).reader();
    }

    private static String text(byte[] b) {
        return new String(b, UTF_8);
    }

    @Test
    void readUntilFindsASeparatorSplitAcrossReads() throws Exception {
        Weft.run(() -> {
            ScriptedByteStream stream = new ScriptedByteStream().addBytewise("one\r\ntwo\r\n").end();
            StreamReader r = reader(stream, 100);
            assertEquals("one\r\n", text(r.readUntil("\r\n".getBytes(UTF_8))));
            assertEquals("two\r\n", text(r.readUntil("\r\n".getBytes(UTF_8))));
            assertFalse(r.atEof(), "the end has not been read yet");
            assertEquals(0, r.read(1).length);
            assertTrue(r.atEof());
        });
    }

    @Test
    void readUntilOverrunLeavesTheBytesBufferedToSkip() throws Exception {
        Weft.run(() -> {
            ScriptedByteStream stream = new ScriptedByteStream().add("aaaaaaaaaaaa|ok|".getBytes(UTF_8)).end();
            StreamReader r = reader(stream, 10);
            LimitOverrunException e = assertThrows(LimitOverrunException.class, () -> r.readUntil(new byte[] {'|'}));
            assertEquals(13, e.consumed(), "12 bytes and the separator");
            assertTrue(e.getMessage().contains("stay buffered"), e.getMessage());
            assertEquals("aaaaaaaaaaaa|", text(r.readExactly(e.consumed())));
            assertEquals("ok|", text(r.readUntil(new byte[] {'|'})));
        });
    }

    @Test
    void readLineOverrunDropsTheRestOfTheLineThatArrivesLater() throws Exception {
        Weft.run(() -> {
            byte[] longPart = new byte[30];
            Arrays.fill(longPart, (byte) 'x');
            ScriptedByteStream stream = new ScriptedByteStream().add(longPart);
            StreamReader r = reader(stream, 20);
            LimitOverrunException e = assertThrows(LimitOverrunException.class, r::readLine);
            assertTrue(e.getMessage().contains("dropped"), e.getMessage());
            stream.add("xxxx".getBytes(UTF_8), "xx\nnext line\n".getBytes(UTF_8)).end();
            assertEquals("next line\n", text(r.readLine()));
            assertEquals(0, r.readLine().length);
        });
    }

    @Test
    void readLineAtTheEndReturnsWhatIsLeftThenEmpty() throws Exception {
        Weft.run(() -> {
            StreamReader r = reader(new ScriptedByteStream().add("no newline".getBytes(UTF_8)).end(), 100);
            assertEquals("no newline", text(r.readLine()));
            assertEquals(0, r.readLine().length);
            assertTrue(r.atEof());
        });
    }

    @Test
    void readUntilAtTheEndWithoutTheSeparatorCarriesThePartialBytes() throws Exception {
        Weft.run(() -> {
            StreamReader r = reader(new ScriptedByteStream().addBytewise("abc").end(), 100);
            IncompleteReadException e = assertThrows(IncompleteReadException.class,
                    () -> r.readUntil(new byte[] {';'}));
            assertEquals("abc", text(e.partial()));
            assertEquals(-1, e.expected());
        });
    }

    @Test
    void readReturnsWhatIsBufferedUpToTheMaximum() throws Exception {
        Weft.run(() -> {
            StreamReader r = reader(new ScriptedByteStream().add("hello world".getBytes(UTF_8)).end(), 100);
            assertEquals("hello", text(r.read(5)));
            assertEquals(" world", text(r.read(100)));
            assertEquals(0, r.read(0).length);
            assertEquals(0, r.read(10).length);
        });
    }

    @Test
    void aSecondConcurrentReadIsRefusedAndTheFirstGoesOn() throws Exception {
        Weft.run(() -> {
            ScriptedByteStream stream = new ScriptedByteStream();
            StreamReaderImpl r = (StreamReaderImpl) reader(stream, 100);
            try (TaskScope scope = TaskScope.open()) {
                Task<byte[]> first = scope.spawn(r::readLine);
                stream.add("par".getBytes(UTF_8));
                Awaitility.await().until(() -> r.receivedBytes() == 3); // the first read holds the reader
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.read(1));
                assertTrue(e.getMessage().contains("another task is reading"), e.getMessage());
                stream.add("t\n".getBytes(UTF_8));
                scope.join();
                assertEquals("part\n", text(first.resultNow()));
            }
        });
    }

    @Test
    void readIntoTakesBufferedBytesFirstThenReadsStraightIntoTheArray() throws Exception {
        Weft.run(() -> {
            ScriptedByteStream stream = new ScriptedByteStream().add("head\nbody".getBytes(UTF_8));
            StreamReader r = reader(stream, 100);
            assertEquals("head\n", text(r.readLine()));   // "body" stays buffered
            byte[] dst = new byte[8];
            Arrays.fill(dst, (byte) '.');
            assertEquals(3, r.readInto(dst, 1, 3));
            assertEquals(".bod....", text(dst));
            assertEquals(1, r.readInto(dst, 0, 8));         // the rest of the buffer, no socket read
            assertEquals("ybod....", text(dst));
            stream.add("tail".getBytes(UTF_8)).end();
            assertEquals(4, r.readInto(dst, 4, 4));         // nothing buffered: from the stream
            assertEquals("ybodtail", text(dst));
            assertEquals(0, r.readInto(dst, 0, 0));
            assertEquals(-1, r.readInto(dst, 0, 8));
            assertTrue(r.atEof());
            assertEquals(-1, r.readInto(dst, 0, 8));
            assertThrows(IndexOutOfBoundsException.class, () -> r.readInto(dst, 6, 3));
            assertEquals("ybodtail", text(dst));
            assertThrows(IllegalArgumentException.class, () -> r.readInto(ByteBuffer.allocate(4).asReadOnlyBuffer()));
            assertEquals(0, r.readInto(ByteBuffer.allocate(0)));
            assertEquals(-1, r.readInto(ByteBuffer.allocateDirect(4)));
        });
    }

    @Test
    void badArgumentsSayWhatWasWrong() throws Exception {
        Weft.run(() -> {
            StreamReader r = reader(new ScriptedByteStream().end(), 100);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> r.read(-1)).getMessage()
                    .contains("negative"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> r.readUntil(new byte[0])).getMessage()
                    .contains("separator is empty"));
            assertThrows(IllegalArgumentException.class, () -> r.readExactly(-2));
            assertFalse(r.atEof(), "the end was not read yet");
        });
    }

    @Test
    void transferToSendsWhatIsBufferedFirstThenEveryChunkAndReturnsTheTotal() throws Exception {
        Weft.run(() -> {
            ScriptedByteStream in = new ScriptedByteStream().add("line\nrest".getBytes(UTF_8), "-more".getBytes(UTF_8),
                    new byte[100_000]).end();
            ScriptedByteStream out = new ScriptedByteStream();
            StreamReader r = reader(in, 100);
            StreamWriter w = new StreamConnection(out, "out", null, NetOptions.defaults()).writer();
            assertEquals("line\n", text(r.readLine())); // "rest" stays buffered
            assertEquals(4 + 5 + 100_000, r.transferTo(w));
            w.drain();
            byte[] copied = out.written();
            assertEquals("rest-more", new String(copied, 0, 9, UTF_8));
            assertEquals(9 + 100_000, copied.length);
            assertTrue(r.atEof());
            assertEquals(0, r.transferTo(w), "at the end a transfer copies nothing");
        });
    }

    @Test
    void transferToRefusesANullWriterAndASecondReader() throws Exception {
        Weft.run(() -> {
            ScriptedByteStream in = new ScriptedByteStream();
            StreamReader r = reader(in, 100);
            NullPointerException npe = assertThrows(NullPointerException.class, () -> r.transferTo(null));
            assertTrue(npe.getMessage().contains("writer"), npe.getMessage());
            StreamWriter w = new StreamConnection(new ScriptedByteStream(), "out", null, NetOptions.defaults()).writer();
            try (TaskScope scope = TaskScope.open()) {
                Task<Long> transfer = scope.spawn(() -> r.transferTo(w));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(in::readerWaiting); // the transfer waits in its read
                IllegalStateException busy = assertThrows(IllegalStateException.class, () -> r.read(1));
                assertTrue(busy.getMessage().contains("another task is reading"), busy.getMessage());
                in.end();
                assertEquals(0, transfer.join());
            }
        });
    }
}

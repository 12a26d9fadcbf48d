package dev.weft.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.Action;
import dev.weft.core.CancelledException;
import dev.weft.core.DeadlineExceededException;
import dev.weft.core.LoopOptions;
import dev.weft.core.Promise;
import dev.weft.core.Task;
import dev.weft.core.TaskScope;
import dev.weft.core.TaskScopeFailedException;
import dev.weft.core.Weft;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every transport must have, written once and rerun per transport (and loop kind)
 * by a subclass of a few lines, against real sockets on 127.0.0.1.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class TransportBehaviourSuite {
    static final String HOST = "127.0.0.1";

    /** The transport under test, by name. */
    abstract String transportName();

    /** The loop the tests run on. */
    LoopOptions loopOptions() {
        return LoopOptions.parallel();
    }

    NetOptions options() {
        return NetOptions.defaults().withTransport(transportName());
    }

    void run(Action<Exception> body) throws Exception {
        Weft.run(loopOptions(), body);
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, UTF_8);
    }

    /** A megabyte that no slice of it repeats at a socket buffer's period (so a misplaced chunk shows). */
    static byte[] megabyte() {
        byte[] b = new byte[1 << 20];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + (i >>> 9));
        }
        return b;
    }

    /**
     * The peer closed: end of stream, or a reset when it closed with our bytes unread (TCP sends
     * RST then, and which one we see depends on timing).
     */
    static void assertClosedByPeer(Connection c) {
        try {
            assertEquals(0, c.reader().read(10).length, "the peer closed the connection");
        } catch (IOException e) {
            assertInstanceOf(SocketException.class, e);
            assertTrue(e.getMessage().contains("reset by the peer"), e.getMessage());
        }
    }

    static final ConnectionHandler ECHO_LINES = (reader, writer) -> {
        for (byte[] line; (line = reader.readLine()).length > 0; ) {
            writer.write(line);
            writer.drain();
        }
    };

    // ---- streams ---------------------------------------------------------------------------------

    @Test
    void echoesLinesAndReportsBothAddresses() throws Exception {
        run(() -> {
            try (Server server = Net.startServer(ECHO_LINES, HOST, 0, options());
                 Connection conn = Net.openConnection(HOST, server.port(), options())) {
                assertEquals(transportName(), conn.transportName());
                assertEquals(transportName(), server.transportName());
                assertEquals(new InetSocketAddress(HOST, server.port()), conn.remoteAddress());
                for (int i = 0; i < 3; i++) {
                    conn.writer().write(bytes("line " + i + "\n"));
                    assertEquals("line " + i + "\n", text(conn.reader().readLine()));
                }
                assertTrue(((StreamConnection) conn).stream().getOption(StandardSocketOptions.TCP_NODELAY),
                        "TCP_NODELAY is on by default");
                conn.writer().shutdownOutput();
                assertEquals(0, conn.reader().read(100).length, "the handler ends at our EOF and closes");
                assertTrue(conn.reader().atEof());
            }
        });
    }

    @Test
    void readExactlyAtTheEndCarriesThePartialBytes() throws Exception {
        run(() -> {
            try (Server server = Net.startServer((r, w) -> w.write(bytes("abc")), HOST, 0, options());
                 Connection conn = Net.openConnection(HOST, server.port(), options())) {
                IncompleteReadException e = assertThrows(IncompleteReadException.class,
                        () -> conn.reader().readExactly(5));
                assertEquals("abc", text(e.partial()));
                assertEquals(5, e.expected());
                assertTrue(e.getMessage().contains("3 of the 5 bytes"), e.getMessage());
                assertTrue(conn.reader().atEof());
            }
        });
    }

    @Test
    void anOversizeLineIsDroppedAndTheNextLineStillReads() throws Exception {
        run(() -> {
            byte[] huge = new byte[70_000];
            Arrays.fill(huge, (byte) 'x');
            try (Server server = Net.startServer((r, w) -> {
                w.write(huge);
                w.write(bytes("\nok\n"));
                w.drain();
                r.read(1); // until the client closes
            }, HOST, 0, options());
                 Connection conn = Net.openConnection(HOST, server.port(), options())) {
                LimitOverrunException e = assertThrows(LimitOverrunException.class, () -> conn.reader().readLine());
                assertTrue(e.getMessage().contains("limit of 65536"), e.getMessage());
                assertTrue(e.getMessage().contains("withReadLimit"), e.getMessage());
                assertEquals("ok\n", text(conn.reader().readLine()));
            }
        });
    }

    @Test
    void aHalfClosedPeerStillGetsItsReply() throws Exception {
        run(() -> {
            try (Server server = Net.startServer((r, w) -> {
                List<byte[]> parts = new ArrayList<>();
                for (byte[] b; (b = r.read(1024)).length > 0; ) {
                    parts.add(b);
                }
                assertTrue(r.atEof());
                w.write(bytes("answer to "));
                parts.forEach(p -> {
                    try {
                        w.write(p);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
            }, HOST, 0, options());
                 Connection conn = Net.openConnection(HOST, server.port(), options())) {
                conn.writer().write(bytes("the question"));
                conn.writer().shutdownOutput();
                assertThrows(IllegalStateException.class, () -> conn.writer().write(bytes("more")));
                assertEquals("answer to the question", text(conn.reader().readUntil(bytes("question"))));
                assertEquals(0, conn.reader().read(10).length);
            }
        });
    }

    @Test
    void afterAbortReadingEndsAndWritingSaysOpenANewConnection() throws Exception {
        run(() -> {
            try (Server server = Net.startServer(ECHO_LINES, HOST, 0, options());
                 Connection conn = Net.openConnection(HOST, server.port(), options())) {
                conn.abort();
                assertTrue(conn.isClosed());
                assertEquals(0, conn.reader().read(1).length, "end of stream, as asyncio's reader after abort()");
                IllegalStateException w = assertThrows(IllegalStateException.class,
                        () -> conn.writer().write(bytes("x")));
                assertTrue(w.getMessage().contains("open a new connection"), w.getMessage());
            }
        });
    }

    @Test
    void echoesAMegabyteThroughDirectBuffersWithReadIntoAndWrite() throws Exception {
        run(() -> {
            try (Server server = Net.startServer((r, w) -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
                while (r.readInto(buf.clear()) > 0) {
                    w.write(buf.flip());
                    assertFalse(buf.hasRemaining(), "write consumed the buffer");
                    w.drain();
                }
            }, HOST, 0, options());
                 Connection conn = Net.openConnection(HOST, server.port(), options())) {
                byte[] sent = megabyte();
                ByteBuffer src = ByteBuffer.allocateDirect(sent.length).put(sent).flip();
                conn.writer().write(src); // more than a socket takes at once: the rest is queued (copied)
                assertEquals(src.limit(), src.position());
                src.clear(); // reusing it at once must not change what is sent
                while (src.hasRemaining()) {
                    src.put((byte) 0);
                }
                ByteBuffer back = ByteBuffer.allocateDirect(sent.length);
                while (back.hasRemaining()) {
                    assertTrue(conn.reader().readInto(back) > 0, "the echo ended early");
                }
                byte[] got = new byte[sent.length];
                back.flip().get(got);
                assertArrayEquals(sent, got);
            }
        });
    }

    @Test
    void transferToCopiesBufferedBytesFirstThenEverythingToTheEndAndCountsThem() throws Exception {
        run(() -> {
            try (Server server = Net.startServer((r, w) -> {
                w.write(r.readLine()); // may leave part of what follows buffered: transferTo sends it first
                long copied = r.transferTo(w);
                w.write(bytes("\n" + copied));
                w.drain();
            }, HOST, 0, options());
                 Connection conn = Net.openConnection(HOST, server.port(), options())) {
                byte[] sent = megabyte();
                conn.writer().write(bytes("hello\n"));
                conn.writer().write(sent);
                conn.writer().shutdownOutput(); // the end of the stream ends the transfer
                assertEquals("hello\n", text(conn.reader().readLine()));
                assertArrayEquals(sent, conn.reader().readExactly(sent.length));
                assertEquals("\n" + sent.length, text(conn.reader().read(100)));
            }
        });
    }

    // ---- cancellation and deadlines ------------------------------------------------------------

    @Test
    void aReadTimedOutByFailAfterLosesNoBytesAndLeavesTheConnectionOpen() throws Exception {
        run(() -> {
            Promise<Void> sendRest = Promise.create();
            try (Server server = Net.startServer((r, w) -> {
                w.write(bytes("par"));
                sendRest.join();
                w.write(bytes("tial\n"));
                r.read(1);
            }, HOST, 0, options());
                 Connection conn = Net.openConnection(HOST, server.port(), options())) {
                StreamReaderImpl reader = (StreamReaderImpl) conn.reader();
                DeadlineExceededException e = assertThrows(DeadlineExceededException.class,
                        () -> Weft.failAfter(Duration.ofMillis(200), reader::readLine));
                assertTrue(e.getMessage().contains("deadline"), e.getMessage());
                assertEquals(3, reader.receivedBytes(), "'par' arrived while the read waited");
                assertFalse(conn.isClosed());
                sendRest.complete(null);
                assertEquals("partial\n", text(reader.readLine()));
            }
        });
    }

    @Test
    void cancellingATaskBlockedInAReadKeepsItsBytesForTheNextRead() throws Exception {
        run(() -> {
            Promise<Void> sendRest = Promise.create();
            try (Server server = Net.startServer((r, w) -> {
                w.write(bytes("hel"));
                sendRest.join();
                w.write(bytes("lo\n"));
                r.read(1);
            }, HOST, 0, options());
                 Connection conn = Net.openConnection(HOST, server.port(), options());
                 TaskScope scope = TaskScope.openSupervisor()) {
                StreamReaderImpl reader = (StreamReaderImpl) conn.reader();
                Task<byte[]> blocked = scope.spawn(reader::readLine);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reader.receivedBytes() == 3);
                blocked.cancel("test cancels the reader");
                scope.join();
                assertTrue(blocked.isCancelled(), "the read ended by cancellation");
                assertThrows(CancelledException.class, blocked::join);
                assertTrue(((StreamConnection) conn).stream().isOpen(), "cancellation did not close the socket");
                sendRest.complete(null);
                assertEquals("hello\n", text(reader.readLine()));
            }
        });
    }

    @Test
    void cancellingATransferLosesNoByteAndLeavesBothHalvesUsable() throws Exception {
        run(() -> {
            Promise<Void> echoed = Promise.create();
            Promise<String> afterwards = Promise.create();
            try (Server server = Net.startServer((r, w) -> {
                try (TaskScope scope = TaskScope.openSupervisor()) {
                    Task<Long> transfer = scope.spawn(() -> r.transferTo(w));
                    echoed.join(); // the client got "ping" back: the transfer waits in its next read
                    transfer.cancel("test cancels the transfer");
                    scope.join();
                    if (!transfer.isCancelled()) {
                        afterwards.fail(new AssertionError("the transfer was not cancelled: " + transfer));
                        return;
                    }
                }
                w.write(bytes("after\n"));
                w.drain();
                afterwards.complete(text(r.readLine()));
            }, HOST, 0, options());
                 Connection conn = Net.openConnection(HOST, server.port(), options())) {
                conn.writer().write(bytes("ping\n"));
                assertEquals("ping\n", text(conn.reader().readLine()));
                echoed.complete(null);
                assertEquals("after\n", text(conn.reader().readLine()), "the writer still works after the cancel");
                conn.writer().write(bytes("more\n"));
                assertEquals("more\n", afterwards.join(), "the reader still works, and lost nothing");
            }
        });
    }

    @Test
    void aReadIntoTimedOutWhileNothingIsBufferedLeavesTheArrayAndTheConnectionAsTheyWere() throws Exception {
        run(() -> {
            Promise<Void> send = Promise.create();
            try (Server server = Net.startServer((r, w) -> {
                send.join();
                w.write(bytes("hello"));
                r.read(1);
            }, HOST, 0, options());
                 Connection conn = Net.openConnection(HOST, server.port(), options())) {
                StreamReader reader = conn.reader();
                byte[] dst = bytes("........");
                assertThrows(DeadlineExceededException.class,
                        () -> Weft.failAfter(Duration.ofMillis(100), () -> reader.readInto(dst, 0, dst.length)));
                assertEquals("........", text(dst), "the cancelled read wrote nothing");
                assertTrue(((StreamConnection) conn).stream().isOpen(), "cancellation did not close the socket");
                send.complete(null);
                int n = 0;
                while (n < 5) {
                    n += reader.readInto(dst, n, dst.length - n);
                }
                assertEquals("hello...", text(dst));
            }
        });
    }

    @Test
    void aPendingInterruptDoesNotCloseTheSocket() throws Exception {
        run(() -> {
            try (Server server = Net.startServer(ECHO_LINES, HOST, 0, options());
                 Connection conn = Net.openConnection(HOST, server.port(), options())) {
                conn.writer().write(bytes("one\n"));
                Thread.currentThread().interrupt(); // an interrupt that is not a cancellation
                try {
                    assertEquals("one\n", text(conn.reader().readLine()));
                } finally {
                    Thread.interrupted();
                }
                conn.writer().write(bytes("two\n"));
                assertEquals("two\n", text(conn.reader().readLine()));
            }
        });
    }

    @Test
    void connectHasItsOwnTimeoutWhenThePeerNeverAnswers() throws Exception {
        run(() -> {
            // A listener whose accept queue is full: the system drops further SYNs unanswered.
            try (ServerSocketChannel full = ServerSocketChannel.open()) {
                full.bind(new InetSocketAddress(HOST, 0), 1);
                List<SocketChannel> fillers = new ArrayList<>();
                try {
                    for (int i = 0; i < 8; i++) {
                        SocketChannel c = SocketChannel.open();
                        c.configureBlocking(false);
                        c.connect(full.getLocalAddress());
                        fillers.add(c);
                    }
                    int port = ((InetSocketAddress) full.getLocalAddress()).getPort();
                    long start = System.nanoTime();
                    SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                            () -> Net.openConnection(HOST, port, options().withConnectTimeout(Duration.ofMillis(300))));
                    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
                    assertTrue(elapsedMillis >= 290, "timed out after " + elapsedMillis + " ms");
                    assertTrue(e.getMessage().contains("timed out after 300 ms"), e.getMessage());
                    assertTrue(e.getMessage().contains("withConnectTimeout"), e.getMessage());
                } finally {
                    for (SocketChannel c : fillers) {
                        c.close();
                    }
                }
            }
        });
    }

    // ---- faults ---------------------------------------------------------------------------------

    @Test
    void aPeerResetInTheMiddleOfAReadGivesAClearError() throws Exception {
        run(() -> {
            try (ServerSocketChannel raw = ServerSocketChannel.open()) {
                raw.bind(new InetSocketAddress(HOST, 0));
                int port = ((InetSocketAddress) raw.getLocalAddress()).getPort();
                try (Connection conn = Net.openConnection(HOST, port, options())) {
                    try (SocketChannel peer = raw.accept()) {
                        peer.write(ByteBuffer.wrap(bytes("half a li")));
                        peer.setOption(StandardSocketOptions.SO_LINGER, 0); // close sends RST
                    }
                    SocketException e = assertThrows(SocketException.class, () -> conn.reader().readLine());
                    assertTrue(e.getMessage().contains("reset by the peer"), e.getMessage());
                    assertEquals("half a li", text(conn.reader().read(100)), "bytes that came before the reset");
                    SocketException again = assertThrows(SocketException.class, () -> conn.reader().read(10));
                    assertEquals(e.getMessage(), again.getMessage(), "a socket failure is final");
                }
            }
        });
    }

    @Test
    void aPeerClosingWhileWeWriteGivesAClearErrorFromDrain() throws Exception {
        run(() -> {
            try (ServerSocketChannel raw = ServerSocketChannel.open()) {
                raw.bind(new InetSocketAddress(HOST, 0));
                int port = ((InetSocketAddress) raw.getLocalAddress()).getPort();
                try (Connection conn = Net.openConnection(HOST, port, options())) {
                    try (SocketChannel peer = raw.accept()) {
                        peer.setOption(StandardSocketOptions.SO_LINGER, 0);
                    }
                    byte[] chunk = new byte[64 * 1024];
                    IOException failure = null;
                    for (int i = 0; i < 10_000 && failure == null; i++) {
                        try {
                            conn.writer().write(chunk);
                            conn.writer().drain();
                        } catch (IOException e) {
                            failure = e;
                        }
                    }
                    assertInstanceOf(SocketException.class, failure, "writing to a closed peer must fail");
                    assertTrue(failure.getMessage().contains("closed the connection while we were sending"),
                            failure.getMessage());
                }
            }
        });
    }

    @Test
    void drainWaitsAboveTheHighWaterMarkUntilThePeerReads() throws Exception {
        run(() -> {
            Promise<Void> startReading = Promise.create();
            int total = 24 * 1024 * 1024;
            try (Server server = Net.startServer((r, w) -> {
                startReading.join();
                r.readExactly(total);
                w.write(bytes("got it\n"));
            }, HOST, 0, options());
                 Connection conn = Net.openConnection(HOST, server.port(), options())) {
                StreamWriter writer = conn.writer();
                writer.setWaterMarks(256 * 1024, 64 * 1024);
                byte[] chunk = new byte[1024 * 1024];
                for (int i = 0; i < total / chunk.length; i++) {
                    writer.write(chunk); // never blocks
                }
                long before = writer.bufferedBytes();
                assertTrue(before > 256 * 1024, "more than the kernel takes is buffered: " + before);
                startReading.complete(null);
                writer.drain();
                long after = writer.bufferedBytes();
                assertTrue(after <= 64 * 1024, "drain returned at the low-water mark, with " + after + " buffered");
                assertEquals("got it\n", text(conn.reader().readLine()));
            }
        });
    }

    @Test
    void aRefusedConnectionSaysNothingIsListening() throws Exception {
        run(() -> {
            int port;
            try (ServerSocketChannel probe = ServerSocketChannel.open()) {
                probe.bind(new InetSocketAddress(HOST, 0));
                port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
            }
            ConnectException e = assertThrows(ConnectException.class, () -> Net.openConnection(HOST, port, options()));
            assertTrue(e.getMessage().contains("refused: nothing is listening"), e.getMessage());
            assertTrue(e.getMessage().contains(HOST + ":" + port), e.getMessage());
        });
    }

    @Test
    void aPortInUseSaysSoAndHowToFix() throws Exception {
        run(() -> {
            try (Server first = Net.startServer(ECHO_LINES, HOST, 0, options())) {
                BindException e = assertThrows(BindException.class,
                        () -> Net.startServer(ECHO_LINES, HOST, first.port(), options()));
                assertTrue(e.getMessage().contains("already in use"), e.getMessage());
                assertTrue(e.getMessage().contains("port 0"), e.getMessage());
            }
        });
    }

    @Test
    void aHostThatDoesNotResolveSaysSo() throws Exception {
        run(() -> {
            UnknownHostException e = assertThrows(UnknownHostException.class,
                    () -> Net.openConnection("no-such-host.invalid", 80, options()));
            assertTrue(e.getMessage().contains("cannot resolve host 'no-such-host.invalid'"), e.getMessage());
        });
    }

    @Test
    void theServerKeepsServingWhenOneHandlerFailsOrGetsAnOversizeLine() throws Exception {
        run(() -> {
            ConnectionHandler picky = (r, w) -> {
                for (byte[] line; (line = r.readLine()).length > 0; ) {
                    if (text(line).equals("boom\n")) {
                        throw new IllegalStateException("test handler fails on purpose");
                    }
                    w.write(line);
                }
            };
            try (Server server = Net.startServer(picky, HOST, 0, options().withReadLimit(1000));
                 Connection before = Net.openConnection(HOST, server.port(), options());
                 Connection failing = Net.openConnection(HOST, server.port(), options());
                 Connection oversize = Net.openConnection(HOST, server.port(), options())) {
                before.writer().write(bytes("first\n"));
                assertEquals("first\n", text(before.reader().readLine()));
                failing.writer().write(bytes("boom\n"));
                assertEquals(0, failing.reader().read(10).length, "the failed handler's connection was closed");
                byte[] longLine = new byte[5000];
                Arrays.fill(longLine, (byte) 'y');
                oversize.writer().write(longLine);
                oversize.writer().write(bytes("\n"));
                assertClosedByPeer(oversize);
                before.writer().write(bytes("still here\n"));
                assertEquals("still here\n", text(before.reader().readLine()));
                try (Connection after = Net.openConnection(HOST, server.port(), options())) {
                    after.writer().write(bytes("after\n"));
                    assertEquals("after\n", text(after.reader().readLine()));
                }
            }
        });
    }

    // ---- servers ----------------------------------------------------------------------------------

    @Test
    void closingTheServerCancelsItsHandlersAndRefusesNewConnections() throws Exception {
        run(() -> {
            AtomicInteger cancelled = new AtomicInteger();
            Promise<Void> bothStarted = Promise.create();
            AtomicInteger started = new AtomicInteger();
            int port;
            Connection a;
            Connection b;
            try (Server server = Net.startServer((r, w) -> {
                if (started.incrementAndGet() == 2) {
                    bothStarted.complete(null);
                }
                try {
                    r.read(1); // the clients never send
                } catch (CancelledException e) {
                    cancelled.incrementAndGet();
                    throw e;
                }
            }, HOST, 0, options())) {
                port = server.port();
                a = Net.openConnection(HOST, port, options());
                b = Net.openConnection(HOST, port, options());
                bothStarted.join();
                assertEquals(2, server.activeConnections());
            }
            assertEquals(2, cancelled.get());
            assertEquals(0, a.reader().read(1).length, "the server side was closed");
            assertEquals(0, b.reader().read(1).length, "the server side was closed");
            a.close();
            b.close();
            assertThrows(ConnectException.class, () -> Net.openConnection(HOST, port, options()));
        });
    }

    @Test
    void closeGracefullyLetsRunningHandlersFinish() throws Exception {
        run(() -> {
            try (TaskScope clients = TaskScope.open()) { // opened first: the server's scope nests inside it
                Task<String> client;
                try (Server server = Net.startServer(ECHO_LINES, HOST, 0, options())) {
                    Promise<Void> handlerRunning = Promise.create();
                    client = clients.spawn(() -> {
                        try (Connection conn = Net.openConnection(HOST, server.port(), options())) {
                            conn.writer().write(bytes("bye\n"));
                            String reply = text(conn.reader().readLine()); // the handler is running
                            handlerRunning.complete(null);
                            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !server.isAccepting());
                            conn.writer().shutdownOutput(); // now the handler may end
                            assertEquals(0, conn.reader().read(1).length);
                            return reply;
                        }
                    });
                    handlerRunning.join();
                    assertTrue(server.closeGracefully(Duration.ofSeconds(20)), "the handler ended on its own");
                    assertFalse(server.isAccepting());
                }
                clients.join();
                assertEquals("bye\n", client.resultNow());
            }
        });
    }

    @Test
    void serveForeverReturnsWhenAnotherTaskStopsAccepting() throws Exception {
        run(() -> {
            AtomicInteger served = new AtomicInteger();
            Server[] holder = new Server[1];
            try (Server server = Net.startServer((r, w) -> {
                w.write(r.readLine());
                if (served.incrementAndGet() == 3) {
                    holder[0].stopAccepting();
                }
            }, HOST, 0, options());
                 TaskScope clients = TaskScope.open()) {
                holder[0] = server;
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    clients.spawn(() -> {
                        try (Connection c = Net.openConnection(HOST, server.port(), options())) {
                            c.writer().write(bytes("client " + n + "\n"));
                            assertEquals("client " + n + "\n", text(c.reader().readLine()));
                        }
                    });
                }
                server.serveForever();
                clients.join();
                assertEquals(3, server.acceptedConnections());
                TaskScopeFailedException notOwner = assertThrows(TaskScopeFailedException.class,
                        () -> Weft.gather(() -> {
                            server.close(); // not the owner
                            return null;
                        }));
                assertInstanceOf(IllegalStateException.class, notOwner.getCause());
                assertTrue(notOwner.getCause().getMessage().contains("stopAccepting()"), notOwner.getMessage());
            }
        });
    }

    @Test
    void aThousandConcurrentConnectionsOnOneServer() throws Exception {
        run(() -> {
            int clients = 1000;
            try (Server server = Net.startServer(ECHO_LINES, HOST, 0, options().withBacklog(1024));
                 TaskScope scope = TaskScope.open()) {
                Promise<Void> allEchoed = Promise.create();
                Promise<Void> release = Promise.create();
                AtomicInteger echoed = new AtomicInteger();
                for (int i = 0; i < clients; i++) {
                    int n = i;
                    scope.spawn(() -> {
                        try (Connection c = Net.openConnection(HOST, server.port(), options())) {
                            c.writer().write(bytes("hello " + n + "\n"));
                            assertEquals("hello " + n + "\n", text(c.reader().readLine()));
                            if (echoed.incrementAndGet() == clients) {
                                allEchoed.complete(null);
                            }
                            release.join(); // keep the connection open until every client is served
                        }
                    });
                }
                allEchoed.join();
                assertEquals(clients, server.activeConnections(), "every handler runs at once");
                release.complete(null);
                scope.join();
                assertEquals(clients, server.acceptedConnections());
            }
        });
    }

    // ---- Unix domain sockets, UDP, TLS ----------------------------------------------------------------

    @Test
    void unixDomainSocketsEchoAndRefuseAPathInUse() throws Exception {
        Path dir = Files.createTempDirectory("weft-unix");
        Path path = dir.resolve("echo.sock");
        try {
            run(() -> {
                try (Server server = Net.startUnixServer(ECHO_LINES, path, options());
                     Connection conn = Net.openUnixConnection(path, options())) {
                    assertTrue(Files.exists(path));
                    conn.writer().write(bytes("over a unix socket\n"));
                    assertEquals("over a unix socket\n", text(conn.reader().readLine()));
                    BindException e = assertThrows(BindException.class,
                            () -> Net.startUnixServer(ECHO_LINES, path, options()));
                    assertTrue(e.getMessage().contains("the file exists"), e.getMessage());
                    assertThrows(IllegalStateException.class, server::port);
                }
                assertFalse(Files.exists(path), "closing the server removed the socket file");
                ConnectException e = assertThrows(ConnectException.class,
                        () -> Net.openUnixConnection(path, options()));
                assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
            });
        } finally {
            Files.deleteIfExists(path);
            Files.delete(dir);
        }
    }

    @Test
    void udpDatagramsSurviveACancelledReceive() throws Exception {
        run(() -> {
            NetOptions o = options();
            try (DatagramEndpoint server = Net.openDatagramEndpoint(new InetSocketAddress(HOST, 0), null, o);
                 DatagramEndpoint client = Net.openDatagramEndpoint(null,
                         (InetSocketAddress) server.localAddress(), o)) {
                assertFalse(Weft.moveOnAfter(Duration.ofMillis(100), server::receive), "nothing was sent yet");
                client.send(bytes("ping"));
                Datagram d = server.receive();
                assertEquals("ping", text(d.data()));
                assertEquals(client.localAddress(), d.sender());
                server.sendTo(bytes("pong"), d.sender());
                assertEquals("pong", text(client.receive().data()));
                assertThrows(IllegalStateException.class, () -> server.send(bytes("x")));
                assertThrows(IllegalArgumentException.class,
                        () -> client.send(new byte[DatagramEndpoint.MAX_PAYLOAD + 1]));
            }
        });
    }

    @Test
    void udpToAPortNobodyListensOnReportsPortUnreachable() throws Exception {
        run(() -> {
            InetSocketAddress nobody;
            try (DatagramEndpoint probe = Net.openDatagramEndpoint(new InetSocketAddress(HOST, 0), null, options())) {
                nobody = (InetSocketAddress) probe.localAddress();
            }
            try (DatagramEndpoint client = Net.openDatagramEndpoint(null, nobody, options())) {
                client.send(bytes("anyone?"));
                PortUnreachableException e = assertThrows(PortUnreachableException.class,
                        () -> Weft.failAfter(Duration.ofSeconds(10), client::receive));
                assertTrue(e.getMessage().contains("nothing listens on"), e.getMessage());
            }
        });
    }

    @Test
    void tlsEchoesWithHostnameVerificationOn() throws Exception {
        TestCertificates certs = TestCertificates.get();
        run(() -> {
            try (Server server = Net.startServer(ECHO_LINES, HOST, 0, options().withTls(certs.server));
                 Connection conn = Net.openConnection(HOST, server.port(),
                         options().withTls(certs.clientTrustingServer))) {
                assertTrue(conn.tlsSession().isPresent());
                conn.writer().write(bytes("secret\n"));
                assertEquals("secret\n", text(conn.reader().readLine()));
                byte[] big = new byte[200_000]; // 200 lines of 1000 bytes: many TLS records each way
                Arrays.fill(big, (byte) 'z');
                for (int i = 999; i < big.length; i += 1000) {
                    big[i] = '\n';
                }
                conn.writer().write(big);
                assertArrayEquals(big, conn.reader().readExactly(big.length));
                conn.writer().shutdownOutput();
                assertEquals(0, conn.reader().read(10).length, "the server closed after our close_notify");
            }
        });
    }

    /**
     * A TLS client connects to a plain-text server, which waits for a line and never answers the
     * hello: the timeout must say the connection was made and the handshake stalled, not that
     * the peer did not answer.
     */
    @Test
    void aTlsClientOfAPlainServerIsToldTheHandshakeStalled() throws Exception {
        TestCertificates certs = TestCertificates.get();
        run(() -> {
            try (Server plain = Net.startServer(ECHO_LINES, HOST, 0, options())) {
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> Net.openConnection(HOST,
                        plain.port(), options().withTls(certs.clientTrustingServer)
                                .withConnectTimeout(Duration.ofMillis(500))));
                assertTrue(e.getMessage().contains("connected to 127.0.0.1:" + plain.port() + ", but the TLS handshake"),
                        e.getMessage());
                assertTrue(e.getMessage().contains("speaks TLS on this port"), e.getMessage());
                assertFalse(e.getMessage().contains("did not answer"), e.getMessage());
            }
        });
    }

    @Test
    void tlsRefusesACertificateForAnotherName() throws Exception {
        TestCertificates certs = TestCertificates.get();
        run(() -> {
            try (Server server = Net.startServer(ECHO_LINES, HOST, 0, options().withTls(certs.server))) {
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Net.openConnection(HOST,
                        server.port(), options().withTls(certs.clientTrustingServer).withTlsServerName("wrong.example")));
                assertTrue(e.getMessage().contains("does not name the host"), e.getMessage());
                try (Connection ok = Net.openConnection(HOST, server.port(), options()
                        .withTls(certs.clientTrustingServer).withTlsServerName("wrong.example")
                        .withoutHostnameVerification())) {
                    ok.writer().write(bytes("unverified name\n"));
                    assertEquals("unverified name\n", text(ok.reader().readLine()));
                }
            }
        });
    }

    @Test
    void tlsRefusesAnUntrustedCertificate() throws Exception {
        TestCertificates certs = TestCertificates.get();
        run(() -> {
            try (Server server = Net.startServer(ECHO_LINES, HOST, 0, options().withTls(certs.server))) {
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Net.openConnection(HOST,
                        server.port(), options().withTls(certs.clientTrustingOther)));
                assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
                try (Connection conn = Net.openConnection(HOST, server.port(),
                        options().withTls(certs.clientTrustingServer))) {
                    conn.writer().write(bytes("the server survived\n"));
                    assertEquals("the server survived\n", text(conn.reader().readLine()));
                }
            }
        });
    }

    // ---- faults: closing under load, racing closes, descriptor exhaustion, stalled peers ------------

    /** Connections per protocol in {@link #tlsCloseAfterALargeUnreadWriteDeliversEveryByte}. */
    static final int TLS_CLOSE_ROUNDS = 10;
    /** Bytes each of those connections writes before close(). */
    static final int TLS_CLOSE_BYTES = 8 << 20;

    /**
     * A TLS client writes 8 MiB, never reads (so the server's session tickets and its close_notify
     * sit unread in its socket) and closes: the server must get every byte, then end of stream.
     */
    @Test
    void tlsCloseAfterALargeUnreadWriteDeliversEveryByte() throws Exception {
        tlsCloseRounds(TLS_CLOSE_ROUNDS);
    }

    /** {@link #tlsCloseAfterALargeUnreadWriteDeliversEveryByte}, 100 connections per protocol. */
    @Test
    @Tag("stress")
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void tlsCloseDeliversEveryByteOverManyConnections() throws Exception {
        tlsCloseRounds(100);
    }

    private void tlsCloseRounds(int rounds) throws Exception {
        TestCertificates certs = TestCertificates.get();
        byte[] payload = new byte[TLS_CLOSE_BYTES];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + (i >>> 11));
        }
        String expected = TLS_CLOSE_BYTES + " bytes " + sha256(payload, payload.length);
        run(() -> {
            List<Promise<String>> received = new ArrayList<>();
            for (int i = 0; i < 2 * rounds; i++) {
                received.add(Promise.create());
            }
            AtomicInteger next = new AtomicInteger();
            ConnectionHandler digestEverything = (reader, writer) -> {
                Promise<String> result = received.get(next.getAndIncrement());
                java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
                byte[] chunk = new byte[64 * 1024];
                long total = 0;
                try {
                    for (int n; (n = reader.readInto(chunk, 0, chunk.length)) > 0; ) {
                        md.update(chunk, 0, n);
                        total += n;
                    }
                    result.complete(total + " bytes " + java.util.HexFormat.of().formatHex(md.digest()));
                } catch (IOException e) {
                    result.complete(total + " bytes, then " + e.getMessage());
                }
            };
            try (Server server = Net.startServer(digestEverything, HOST, 0, options().withTls(certs.server))) {
                int round = 0;
                for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                    NetOptions client = options().withTls(certs.clientTrustingServer(protocol));
                    for (int i = 0; i < rounds; i++, round++) {
                        Connection conn = Net.openConnection(HOST, server.port(), client);
                        assertEquals(protocol, conn.tlsSession().orElseThrow().getProtocol());
                        conn.writer().write(payload);
                        conn.close(); // never read: the server's post-handshake messages stay unread
                        String got = Weft.failAfter(Duration.ofSeconds(30), received.get(round)::join);
                        assertEquals(expected, got, protocol + ", connection " + i);
                    }
                }
            }
        });
    }

    /**
     * The same close while another task is blocked reading the connection: that task consumes
     * the peer's records (and reads end of stream); the close still waits for the peer's
     * close_notify, and the server gets every byte.
     */
    @Test
    void tlsCloseWhileAnotherTaskReadsDeliversEveryByte() throws Exception {
        TestCertificates certs = TestCertificates.get();
        byte[] payload = megabyte();
        java.security.MessageDigest all = java.security.MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 8; i++) {
            all.update(payload);
        }
        String expected = 8 * payload.length + " bytes " + java.util.HexFormat.of().formatHex(all.digest());
        run(() -> {
            Promise<String> received = Promise.create();
            ConnectionHandler digest = (reader, writer) -> {
                java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
                long total = 0;
                for (byte[] chunk; (chunk = reader.read(64 * 1024)).length > 0; total += chunk.length) {
                    md.update(chunk);
                }
                received.complete(total + " bytes " + java.util.HexFormat.of().formatHex(md.digest()));
            };
            try (Server server = Net.startServer(digest, HOST, 0, options().withTls(certs.server));
                 TaskScope readers = TaskScope.open()) {
                Connection conn = Net.openConnection(HOST, server.port(), options().withTls(certs.clientTrustingServer));
                Promise<Void> reading = Promise.create();
                Task<Integer> reader = readers.spawn(() -> {
                    reading.complete(null);
                    return conn.reader().read(10).length; // the server never sends: end of stream
                });
                reading.join();
                for (int i = 0; i < 8; i++) {
                    conn.writer().write(payload);
                }
                conn.close();
                assertEquals(0, (int) Weft.waitFor(reader, Duration.ofSeconds(30)));
                assertEquals(expected, Weft.failAfter(Duration.ofSeconds(30), received::join));
            }
        });
    }

    /**
     * The peer (a JDK SSLSocket, not Weft) reads everything up to our close_notify, then resets
     * the connection instead of answering: close() must say the peer reset it, not that the
     * connection was closed on this side.
     */
    @Test
    void aPeerResetDuringTheTlsCloseIsReportedAsAReset() throws Exception {
        TestCertificates certs = TestCertificates.get();
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            java.util.concurrent.CompletableFuture<Long> peer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (java.net.Socket raw = listener.accept()) {
                    javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) certs.server.getSocketFactory()
                            .createSocket(raw, null, raw.getPort(), false);
                    tls.setUseClientMode(false);
                    long total = tls.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                    raw.setSoLinger(true, 0); // reset, without a close_notify
                    return total;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, Thread.ofPlatform().daemon()::start);
            run(() -> {
                Connection conn = Net.openConnection(HOST, listener.getLocalPort(),
                        options().withTls(certs.clientTrustingServer));
                conn.writer().write(new byte[10_000]);
                java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, conn::close);
                String message = e.getCause().getMessage();
                assertTrue(message.contains("reset by the peer"), message);
                assertFalse(message.contains("closed on this side"), message);
                assertTrue(conn.isClosed());
            });
            assertEquals(10_000L, peer.get(20, TimeUnit.SECONDS));
        }
    }

    static String sha256(byte[] b, int length) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        md.update(b, 0, length);
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** Rounds of {@link #aConnectionAcceptedWhileTheServerClosesIsClosedOnceAndNotCounted}. */
    static final int CLOSE_RACE_ROUNDS = 60;

    /**
     * The server closes right after accepting a connection, before (or while) its handler task
     * starts: the accepted socket must be closed all the same (the client reads end of stream),
     * and it must not stay counted as active.
     */
    @Test
    void aConnectionAcceptedWhileTheServerClosesIsClosedOnceAndNotCounted() throws Exception {
        closeRaceRounds(CLOSE_RACE_ROUNDS);
    }

    /** {@link #aConnectionAcceptedWhileTheServerClosesIsClosedOnceAndNotCounted}, 3000 rounds. */
    @Test
    @Tag("stress")
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void theCloseRaceLeavesNoSocketOverManyRounds() throws Exception {
        closeRaceRounds(3000);
    }

    private void closeRaceRounds(int rounds) throws Exception {
        run(() -> {
            AtomicInteger handlersRan = new AtomicInteger();
            for (int round = 0; round < rounds; round++) {
                Server server = Net.startServer((r, w) -> {
                    handlersRan.incrementAndGet();
                    r.read(1); // the client never sends
                }, HOST, 0, options());
                try (SocketChannel client = SocketChannel.open(new InetSocketAddress(HOST, server.port()))) {
                    Weft.failAfter(Duration.ofSeconds(10), () -> {
                        while (server.acceptedConnections() == 0) {
                            Weft.yieldNow(); // close as soon as the accept task has spawned the handler
                        }
                    });
                    server.close();
                    assertEquals(0, server.activeConnections(), "round " + round);
                    client.socket().setSoTimeout(10_000);
                    try {
                        assertEquals(-1, client.socket().getInputStream().read(), "round " + round);
                    } catch (SocketTimeoutException e) {
                        throw new AssertionError("round " + round + ": the accepted socket was never closed ("
                                + handlersRan.get() + " handlers ran so far)", e);
                    }
                }
            }
        });
    }

    /**
     * The process runs out of file descriptors while a client waits to be accepted; once
     * descriptors are free again the server accepts it and every later client (run in a child JVM
     * under {@code ulimit -n}, see {@link AcceptUnderDescriptorLimit}).
     */
    @Test
    void theServerAcceptsAgainAfterRunningOutOfFileDescriptors() throws Exception {
        AcceptUnderDescriptorLimit.assertRecovers(transportName(), loopOptions().isConfined());
    }

    /**
     * After close(), reads return what was already buffered, then end of stream, as asyncio's
     * StreamReader does after {@code writer.close()} (and after {@code transport.abort()}).
     */
    @Test
    void readingAfterCloseReturnsTheBufferedBytesThenEndOfStream() throws Exception {
        run(() -> {
            Promise<Void> release = Promise.create();
            List<Promise<Void>> sent = List.of(Promise.create(), Promise.create());
            AtomicInteger accepted = new AtomicInteger();
            try (Server server = Net.startServer((r, w) -> {
                Promise<Void> mine = sent.get(accepted.getAndIncrement());
                w.write(bytes("abc\ndef\n"));
                mine.complete(null);
                release.join();
            }, HOST, 0, options())) {
                for (boolean abort : new boolean[] {false, true}) {
                    Promise<Void> sentHere = sent.get(abort ? 1 : 0);
                    Connection conn = Net.openConnection(HOST, server.port(), options());
                    Weft.failAfter(Duration.ofSeconds(10), sentHere::join); // on loopback: both lines have arrived
                    assertEquals("abc\n", text(conn.reader().readExactly(4)));
                    if (abort) {
                        conn.abort();
                    } else {
                        conn.close();
                    }
                    assertTrue(conn.isClosed());
                    String how = abort ? "after abort()" : "after close()";
                    assertEquals("def\n", text(conn.reader().read(100)), how + ": the buffered bytes first");
                    assertEquals(0, conn.reader().read(100).length, how + ": then end of stream");
                    assertTrue(conn.reader().atEof(), how);
                    assertThrows(IncompleteReadException.class, () -> conn.reader().readExactly(1), how);
                }
                release.complete(null);
            }
        });
    }

    /**
     * A handler writes far more than a peer that never reads will take: with a write timeout,
     * its drain() fails with a message saying so and the connection is closed; until then the
     * connection counts as active, even after its handler returned.
     */
    @Test
    void aPeerThatNeverReadsIsDroppedAfterTheWriteTimeoutAndCountedUntilThen() throws Exception {
        run(() -> {
            byte[] lots = new byte[32 << 20];
            Promise<String> drained = Promise.create();
            Promise<Void> returned = Promise.create();
            AtomicInteger which = new AtomicInteger();
            try (Server server = Net.startServer((r, w) -> {
                if (which.getAndIncrement() == 0) {
                    w.write(lots); // and return without draining: close() flushes
                    returned.complete(null);
                    return;
                }
                w.write(lots);
                try {
                    w.drain();
                    drained.complete("drained");
                } catch (IOException e) {
                    drained.complete(e.getMessage());
                }
            }, HOST, 0, options().withWriteTimeout(Duration.ofSeconds(1))); // the window for the count below
                 SocketChannel idle = SocketChannel.open(new InetSocketAddress(HOST, server.port()))) {
                Weft.failAfter(Duration.ofSeconds(10), returned::join);
                assertEquals(1, server.activeConnections(), "the connection still flushing counts as active");
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.activeConnections() == 0);
                try (SocketChannel stalled = SocketChannel.open(new InetSocketAddress(HOST, server.port()))) {
                    String message = Weft.failAfter(Duration.ofSeconds(10), drained::join);
                    assertTrue(message.contains("no progress") && message.contains("not reading"), message);
                    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.activeConnections() == 0);
                    assertEquals(2, server.acceptedConnections());
                }
            }
        });
    }
}

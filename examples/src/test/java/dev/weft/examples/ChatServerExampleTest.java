package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * chat-server in a child JVM, with clients that do what {@code nc} does: raw bytes on a plain
 * socket, lines ending in "\n", nothing echoed locally by the server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatServerExampleTest {

    @Test
    void threeClientsJoinTalkAndLeaveAndEachSeesTheRoomsLinesInOrder() throws Exception {
        try (ExampleProcess server = ExampleProcess.start(ChatServer.class, "--port", "0", "--max-clients", "3")) {
            int port = server.awaitListening();
            try (NcClient alice = NcClient.connect(port); NcClient bob = NcClient.connect(port);
                 NcClient carol = NcClient.connect(port)) {
                alice.expect("Welcome to the Weft chat! What is your nick?");
                alice.send("alice");
                alice.expect("Welcome, alice! You are the first one here.");

                bob.expect("Welcome to the Weft chat! What is your nick?");
                bob.send("not a nick");
                bob.expect("A nick is 1 to 16 letters, digits, _ or -. What is your nick?");
                bob.send("bob");
                bob.expect("Welcome, bob! In the room: alice.");
                alice.expect("* bob joined");

                carol.expect("Welcome to the Weft chat! What is your nick?");
                carol.send("alice");
                carol.expect("Sorry, the nick alice is taken. What is your nick?");
                carol.send("carol");
                carol.expect("Welcome, carol! In the room: alice, bob.");
                alice.expect("* carol joined");
                bob.expect("* carol joined");

                alice.send("hello everyone");
                bob.expect("<alice> hello everyone");
                carol.expect("<alice> hello everyone");
                carol.send("hi alice, hi bob");
                carol.send("  indented, with a CRLF  \r");
                alice.expect("<carol> hi alice, hi bob");
                alice.expect("<carol>   indented, with a CRLF  ");
                bob.expect("<carol> hi alice, hi bob");
                bob.expect("<carol>   indented, with a CRLF  ");

                bob.send("/who");
                bob.expect("In the room: alice, bob, carol.");
                bob.send("/dance");
                bob.expect("Unknown command /dance; try /who or /quit.");
                bob.send("/quit");
                bob.expect("Bye, bob!");
                bob.expectEnd();
                alice.expect("* bob left");
                carol.expect("* bob left");

                carol.close();                        // like Ctrl+C in nc: the connection just ends
                alice.expect("* carol left");

                alice.send("anyone?");                // nobody else is here to see it
                alice.shutdownOutput();               // Ctrl+D in nc -N: end of input
                alice.expectEnd();                    // nothing more came: alice's own line was not echoed
            }
            assertEquals(0, server.awaitExit(), "output: " + server.lines);
            assertEquals(List.of("alice joined (1 in the room)", "bob joined (2 in the room)",
                    "carol joined (3 in the room)", "bob left (2 in the room)", "carol left (1 in the room)",
                    "alice left (0 in the room)", "chat-server: 3 clients served, the room is empty"),
                    server.lines.subList(1, server.lines.size()));
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWhileTheOthersChatOn() throws Exception {
        try (ExampleProcess server = ExampleProcess.start(ChatServer.class,
                "--port", "0", "--max-clients", "3", "--max-behind", "64")) {
            int port = server.awaitListening();
            try (NcClient talker = NcClient.connect(port); NcClient listener = NcClient.connect(port);
                 NcClient stuck = NcClient.connectWithSmallWindow(port)) {
                talker.join("talker");
                listener.join("listener");
                talker.expect("* listener joined");
                stuck.join("stuck");                  // and never reads again
                talker.expect("* stuck joined");
                listener.expect("* stuck joined");

                // The talker floods while stuck's outbox fills (after its socket buffers: megabytes).
                // At most 32 lines are ever on their way to the listener (the talker waits for it),
                // so the listener never falls 64 behind, however slowly its writer task is scheduled.
                AtomicBoolean cutOff = new AtomicBoolean();
                AtomicLong sent = new AtomicLong();
                Semaphore window = new Semaphore(32);
                String filler = "x".repeat(1000);
                Thread flood = Thread.ofPlatform().name("flood").start(() -> {
                    try {
                        while (true) {
                            window.acquire();
                            if (cutOff.get()) {
                                return;
                            }
                            talker.send(sent.incrementAndGet() + " " + filler);
                        }
                    } catch (IOException | InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
                long received = 0;
                while (true) {
                    String line = listener.readLine();
                    if (line.equals("* stuck was disconnected (more than 64 lines behind)")) {
                        cutOff.set(true);
                        window.release(100);
                        break;
                    }
                    assertEquals("<talker> " + (++received) + " " + filler, line);
                    window.release();
                }
                flood.join();
                assertTrue(received > 64, "stuck was cut off after only " + received + " lines");
                // the lines sent before the flood saw the flag still reach the listener, in order
                while (received < sent.get()) {
                    assertEquals("<talker> " + (++received) + " " + filler, listener.readLine());
                }
                talker.expect("* stuck was disconnected (more than 64 lines behind)");

                talker.send("/who");
                talker.expect("In the room: talker, listener.");
                talker.send("still here");
                listener.expect("<talker> still here");

                stuck.drainToEnd();                   // what it had been sent, then the end: the server closed it
                talker.send("/quit");
                talker.expect("Bye, talker!");
                listener.expect("* talker left");
                listener.send("/quit");
                listener.expect("Bye, listener!");
            }
            assertEquals(0, server.awaitExit(), "output: " + server.lines);
            assertEquals(List.of("talker joined (1 in the room)", "listener joined (2 in the room)",
                    "stuck joined (3 in the room)", "stuck was disconnected (more than 64 lines behind)",
                    "talker left (1 in the room)", "listener left (0 in the room)",
                    "chat-server: 3 clients served, the room is empty"), server.lines.subList(1, server.lines.size()));
        }
    }

    @Test
    void aSlowReaderThatIsCutOffIsToldWhyAfterTheLinesItWasSent() throws Exception {
        try (ExampleProcess server = ExampleProcess.start(ChatServer.class,
                "--port", "0", "--max-clients", "2", "--max-behind", "8")) {
            int port = server.awaitListening();
            try (NcClient talker = NcClient.connect(port); NcClient slow = NcClient.connectWithSmallWindow(port)) {
                talker.join("talker");
                slow.join("slow");                    // then reads nothing while the talker bursts
                talker.expect("* slow joined");
                AtomicBoolean cutOff = new AtomicBoolean();
                String filler = "x".repeat(1000);
                Thread burst = Thread.ofPlatform().name("burst").start(() -> {
                    try {
                        for (long n = 1; !cutOff.get(); n++) {
                            talker.send(n + " " + filler);
                        }
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
                talker.expect("* slow was disconnected (more than 8 lines behind)");
                cutOff.set(true);
                burst.join();

                // slow reads on: what it had been sent, in order, then why it was cut off, then the end
                long received = 0;
                String line;
                while ((line = slow.readLine()).startsWith("<talker> ")) {
                    assertEquals("<talker> " + (++received) + " " + filler, line);
                }
                assertTrue(received > 0, "slow got none of the talker's lines");
                assertEquals("* You were disconnected: more than 8 lines behind (the room talked faster than you "
                        + "read); the lines after the one above were not sent to you. Reconnect to join again.", line);
                slow.expectEnd();

                talker.send("/who");
                talker.expect("In the room: talker.");
                talker.send("/quit");
                talker.expect("Bye, talker!");
            }
            assertEquals(0, server.awaitExit(), "output: " + server.lines);
        }
    }

    /** What nc does: a socket, bytes typed as lines ending in "\n", bytes received shown as they come. */
    private static final class NcClient implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private NcClient(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(20_000);              // a missing line fails the test with its name, not a hang
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static NcClient connect(int port) throws IOException {
            return new NcClient(new Socket("127.0.0.1", port));
        }

        /** A client whose kernel accepts only a few KiB for it: it falls behind quickly once it stops reading. */
        static NcClient connectWithSmallWindow(int port) throws IOException {
            Socket s = new Socket();
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            return new NcClient(s);
        }

        void join(String nick) throws IOException {
            expect("Welcome to the Weft chat! What is your nick?");
            send(nick);
            String welcome = readLine();
            assertTrue(welcome.startsWith("Welcome, " + nick + "!"), welcome);
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(UTF_8));
            out.flush();
        }

        /** The next line, without its "\n"; fails at end of stream. */
        String readLine() throws IOException {
            String line = readLineOrNull();
            if (line == null) {
                throw new AssertionError("the server closed the connection");
            }
            return line;
        }

        private String readLineOrNull() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    assertEquals(0, bytes.size(), "the stream ended inside a line: " + bytes.toString(UTF_8));
                    return null;
                }
                bytes.write(b);
            }
            return bytes.toString(UTF_8);
        }

        void expect(String line) throws IOException {
            assertEquals(line, readLine());
        }

        /** The server closed the connection with nothing more to say. */
        void expectEnd() throws IOException {
            assertNull(readLineOrNull(), "a line came where the end of the stream was expected");
        }

        /** Reads whatever is left until the server's close (a reset counts: it aborted us). */
        void drainToEnd() throws IOException {
            try {
                while (in.read(new byte[8192]) >= 0) {
                    // what was buffered before the cut
                }
            } catch (SocketException reset) {
                assertFalse(socket.isClosed());       // the reset came from the server, we did not close
            }
        }

        void shutdownOutput() throws IOException {
            socket.shutdownOutput();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

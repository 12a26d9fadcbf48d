package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.core.Promise;
import dev.weft.core.Queue;
import dev.weft.core.QueueShutDownException;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import dev.weft.net.LimitOverrunException;
import dev.weft.net.Net;
import dev.weft.net.Server;
import dev.weft.net.StreamReader;
import dev.weft.net.StreamWriter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Seed scenario: "a line-based chat server that {@code nc} clients can use" (the goal list's last
 * scenario; the guides' start_server with many clients at once). Connect with
 * {@code nc 127.0.0.1 8890}, answer the nick prompt, then every line you type goes to everyone
 * else as {@code <nick> line}. Joins and leaves are announced as {@code * nick joined} and
 * {@code * nick left}; {@code /who} lists the room; {@code /quit} (or end of input) leaves.
 *
 * <pre>
 * ./weft run chat-server [--port 8890] [--max-clients N] [--max-behind 100]
 * </pre>
 * It serves until Ctrl+C, or, with {@code --max-clients N}, until N clients have come and all of
 * them have left.
 *
 * <h2>Structure</h2>
 * Each client is one handler task in the server's scope. It reads the client's lines and hands
 * what others must see to the {@link Room}. Each member of the room also has an outbox, a bounded
 * {@link Queue} of lines, and a writer task (in a scope the handler owns) that takes lines from
 * it and writes them to the socket, waiting in {@code drain()} while the client reads slowly.
 *
 * <h2>A slow client never stalls the room</h2>
 * A broadcast only {@code tryPut}s a line into each outbox, which never blocks. A client whose
 * outbox is full ({@code --max-behind} lines waiting, on top of what its socket buffers already
 * hold) is disconnected. It leaves the room at once, and the room is told
 * {@code * nick was disconnected (more than N lines behind)}; its queued lines are dropped, and
 * its writer sends it one last line that says why (after what it had already been sent), gives it
 * up to {@value #FAREWELL_SECONDS} s to read it, and ends the connection. A client that reads,
 * but more slowly than the room talks, thus learns why it was cut off and that lines after the
 * last one it got were not delivered; a client that does not read at all costs the server that
 * connection for those few seconds, never the room. Dropping lines instead would keep it
 * connected but leave holes in its conversation that it cannot see; a chat that silently loses
 * lines is worse than one that says it cut you off.
 */
public final class ChatServer {
    static final String USAGE = "chat-server [--port 8890] [--max-clients N] [--max-behind 100]";
    static final Pattern NICK = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    /** How long a disconnected client's writer waits for it to read the line that says why. */
    static final int FAREWELL_SECONDS = 10;

    private ChatServer() {}

    public static void main(String[] args) throws Exception {
        Args a = Args.parseOrExit(args, USAGE, 0, "--port", "--max-clients", "--max-behind");
        int port = a.integer("--port", 8890);
        int maxClients = a.integer("--max-clients", 0);
        int maxBehind = a.integer("--max-behind", 100);
        if (maxBehind < 1) {
            throw a.usageError("--max-behind must be at least 1");
        }
        Room room = new Room(maxBehind);
        AtomicInteger arrived = new AtomicInteger();
        AtomicInteger departed = new AtomicInteger();
        Weft.run(() -> {
            Promise<Void> full = Promise.create();
            Promise<Void> empty = Promise.create();
            try (Server server = Net.startServer((reader, writer) -> {
                int n = arrived.incrementAndGet();
                if (maxClients > 0 && n > maxClients) {   // connected before the server stopped accepting
                    writer.write("Sorry, the room takes no more clients.\n".getBytes(UTF_8));
                    return;
                }
                if (n == maxClients) {
                    full.complete(null);
                }
                try {
                    serveClient(room, reader, writer);
                } finally {
                    if (departed.incrementAndGet() == maxClients) {
                        empty.complete(null);
                    }
                }
            }, "127.0.0.1", port)) {
                System.out.println("chat-server listening on 127.0.0.1:" + server.port()
                        + " (connect with: nc 127.0.0.1 " + server.port() + ")");
                if (maxClients > 0) {
                    full.join();
                    server.stopAccepting();
                    empty.join();
                } else {
                    server.serveForever();
                }
            }
            int served = maxClients > 0 ? Math.min(arrived.get(), maxClients) : arrived.get();
            System.out.println("chat-server: " + served + " clients served, the room is empty");
        });
    }

    /** One client, from the nick prompt to leaving. Runs as the connection's handler task. */
    static void serveClient(Room room, StreamReader reader, StreamWriter writer) throws IOException {
        Member me = askNick(room, reader, writer);
        if (me == null) {
            return;                                             // hung up before choosing a nick
        }
        try (TaskScope scope = TaskScope.open("client " + me.nick)) {
            scope.spawn("writer for " + me.nick, () -> me.pumpOutbox(writer));
            String quitNote = null;
            try {
                for (String line; (line = nextLine(reader, me)) != null; ) {
                    if (line.equals("/quit")) {
                        quitNote = "Bye, " + me.nick + "!";
                        break;
                    } else if (line.equals("/who")) {
                        room.tell(me, "In the room: " + String.join(", ", room.nicks()) + ".");
                    } else if (line.startsWith("/")) {
                        room.tell(me, "Unknown command " + line.split(" ", 2)[0] + "; try /who or /quit.");
                    } else if (!line.isBlank()) {
                        room.say(me, line);
                    }
                }
            } catch (IOException gone) {
                // reset by the client, or aborted by its writer when sending failed: it has left
            } finally {
                room.leave(me, quitNote);                     // also on a reset, or cancellation
            }
            scope.join();                                      // the writer sends what is left, then ends
        }
    }

    /** Asks until the client gives a free, valid nick; the member joined, or null at end of input. */
    static Member askNick(Room room, StreamReader reader, StreamWriter writer) throws IOException {
        String prompt = "Welcome to the Weft chat! What is your nick?";
        while (true) {
            writer.write((prompt + "\n").getBytes(UTF_8));
            writer.drain();
            String nick = nextLine(reader, null);
            if (nick == null) {
                return null;
            }
            nick = nick.strip();
            if (!NICK.matcher(nick).matches()) {
                prompt = "A nick is 1 to 16 letters, digits, _ or -. What is your nick?";
                continue;
            }
            Member me = room.join(nick);
            if (me != null) {
                return me;
            }
            prompt = "Sorry, the nick " + nick + " is taken. What is your nick?";
        }
    }

    /** The next line without its "\n" (or "\r\n" from telnet), or null at end of input. */
    static String nextLine(StreamReader reader, Member me) throws IOException {
        while (true) {
            byte[] line;
            try {
                line = reader.readLine();                      // an await point: other clients go on
            } catch (LimitOverrunException tooLong) {         // the line was dropped; the stream goes on
                if (me != null) {
                    me.tell("(your line was longer than " + reader.limit() + " bytes and was dropped)");
                }
                continue;
            }
            if (line.length == 0) {
                return null;
            }
            String text = new String(line, UTF_8);
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
    }

    /** One client in the room: its nick and its outbox of lines to send. */
    static final class Member {
        final String nick;
        final Queue<String> outbox;
        /** Set (under the room's monitor) before the outbox is shut down when the room cuts it off. */
        private volatile String farewell;

        Member(String nick, int capacity) {
            this.nick = nick;
            this.outbox = Queue.fifo(capacity);
        }

        /** Queues {@code line} for this client; false if it is too far behind. Never blocks. */
        boolean tell(String line) {
            try {
                return outbox.tryPut(line);
            } catch (QueueShutDownException leaving) {
                return true;                                   // it is leaving; the line no longer matters
            }
        }

        /** The writer task: outbox to socket until the outbox is shut down and empty. */
        void pumpOutbox(StreamWriter writer) {
            try {
                try {
                    while (true) {
                        String line = outbox.get();
                        writer.write((line + "\n").getBytes(UTF_8));
                        writer.drain();                        // waits while the client reads slowly
                    }
                } catch (QueueShutDownException done) {
                    // left the room (everything queued has been written), or was cut off
                }
                String why = farewell;
                if (why != null) {
                    boolean read = Weft.moveOnAfter(Duration.ofSeconds(FAREWELL_SECONDS), () -> {
                        writer.write((why + "\n").getBytes(UTF_8));
                        writer.drain();                        // it reads what it was sent before, then this
                    });
                    if (read) {
                        writer.close();                        // ends its reader too, and so its handler
                    } else {
                        writer.abort();                        // it did not read on: drop the rest
                    }
                }
            } catch (IOException gone) {
                writer.abort();                                // the client is gone: end its reader too
            }
        }
    }

    /**
     * The members and the broadcast. Every method runs under the room's monitor, so all members
     * see the room's lines in one order; none of them blocks ({@code tryPut} only), so the
     * monitor is held for microseconds and never across an await point.
     */
    static final class Room {
        private final int maxBehind;
        private final Map<String, Member> members = new LinkedHashMap<>();   // guarded by this

        Room(int maxBehind) {
            this.maxBehind = maxBehind;
        }

        /** Adds a member called {@code nick}, or returns null if the nick is taken. */
        synchronized Member join(String nick) {
            if (members.containsKey(nick)) {
                return null;
            }
            Member me = new Member(nick, maxBehind);
            me.tell(members.isEmpty() ? "Welcome, " + nick + "! You are the first one here."
                    : "Welcome, " + nick + "! In the room: " + String.join(", ", members.keySet()) + ".");
            broadcast(null, "* " + nick + " joined");
            members.put(nick, me);
            System.out.println(nick + " joined (" + members.size() + " in the room)");
            return me;
        }

        synchronized List<String> nicks() {
            return new ArrayList<>(members.keySet());
        }

        /** Sends {@code text} from {@code from} to every other member; nothing if it was cut off. */
        synchronized void say(Member from, String text) {
            if (members.get(from.nick) != from) {
                return;                                        // disconnected, its connection not yet closed
            }
            broadcast(from, "<" + from.nick + "> " + text);
        }

        /** Sends {@code line} to {@code to} alone. */
        synchronized void tell(Member to, String line) {
            if (!to.tell(line)) {
                disconnect(to);
            }
        }

        /**
         * Takes {@code me} out of the room (if it is still in it) with a last line for it, if any,
         * and tells the others. Its writer sends what is queued, then ends.
         */
        synchronized void leave(Member me, String lastLine) {
            if (members.remove(me.nick, me)) {
                if (lastLine != null) {
                    me.tell(lastLine);
                }
                broadcast(null, "* " + me.nick + " left");
                System.out.println(me.nick + " left (" + members.size() + " in the room)");
            }
            me.outbox.shutdown();
        }

        private void broadcast(Member except, String line) {
            List<Member> behind = new ArrayList<>();
            for (Member m : members.values()) {
                if (m != except && !m.tell(line)) {
                    behind.add(m);
                }
            }
            behind.forEach(this::disconnect);
        }

        /**
         * Cuts off a member too far behind: takes it out of the room, drops its queue, and leaves
         * its writer to tell it why and end the connection.
         */
        private void disconnect(Member m) {
            if (!members.remove(m.nick, m)) {
                return;
            }
            String why = "more than " + maxBehind + " lines behind";
            m.farewell = "* You were disconnected: " + why + " (the room talked faster than you read); the lines "
                    + "after the one above were not sent to you. Reconnect to join again.";
            m.outbox.shutdown(true);                           // its writer sends the farewell, then closes
            broadcast(null, "* " + m.nick + " was disconnected (" + why + ")");
            System.out.println(m.nick + " was disconnected (" + why + ")");
        }
    }
}

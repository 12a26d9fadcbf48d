package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.core.Promise;
import dev.weft.core.Weft;
import dev.weft.net.Connection;
import dev.weft.net.ConnectionHandler;
import dev.weft.net.Net;
import dev.weft.net.Server;
import dev.weft.net.StreamReader;
import dev.weft.net.StreamWriter;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seed: "Mastering asyncio", "What else can asyncio do?" - "start an asyncio server in the main
 * script, and from another script, connect to it to achieve Inter-Process Communication"
 * ({@code start_server} / {@code open_connection}; here {@code start_unix_server} by default).
 * This is the main script: a long-running process that another process (ipc-client) talks to.
 *
 * <p>The seed names no messages, so the two speak a small line protocol, one request line and
 * one reply line at a time:
 * <pre>
 * PING        -> PONG
 * SAY text    -> OK       (the server prints "client N says: text")
 * STATS       -> connections: N, messages: M   (state kept by the server across clients)
 * STOP        -> BYE      (the server stops; a Unix socket file is removed)
 * </pre>
 *
 * <pre>
 * ./weft run ipc-server [--socket PATH]          a Unix domain socket (default: TMPDIR/weft-ipc-USER.sock)
 * ./weft run ipc-server --tcp [--port 8889]      TCP on 127.0.0.1 instead
 * </pre>
 * It serves until a client sends STOP, or Ctrl+C; either way the socket file goes away. A socket
 * file left by a server that was killed is found stale (nothing answers on it) and replaced;
 * one that a running server answers on is left alone.
 */
public final class IpcServer {
    static final String USAGE = "ipc-server [--socket PATH | --tcp [--port 8889]]";
    static final int DEFAULT_PORT = 8889;

    private IpcServer() {}

    /** Where the server listens and the client connects: a Unix socket file, or TCP 127.0.0.1:port. */
    record Endpoint(Path socket, int port) {
        static final Set<String> SWITCHES = Set.of("--tcp");

        static Endpoint of(Args a) {
            if (a.has("--tcp")) {
                if (a.string("--socket", null) != null) {
                    throw new IllegalArgumentException("--socket and --tcp exclude each other: pick one");
                }
                return new Endpoint(null, a.integer("--port", DEFAULT_PORT));
            }
            if (a.string("--port", null) != null) {
                throw new IllegalArgumentException("--port goes with --tcp; over a Unix socket, pass --socket PATH");
            }
            return new Endpoint(Path.of(a.string("--socket", defaultSocket().toString())), 0);
        }

        /** TMPDIR/weft-ipc-USER.sock: one per user, short enough for the 108-byte limit on socket paths. */
        static Path defaultSocket() {
            return Path.of(System.getProperty("java.io.tmpdir"), "weft-ipc-" + System.getProperty("user.name") + ".sock");
        }

        boolean isUnix() {
            return socket != null;
        }

        Connection connect() throws IOException {
            return isUnix() ? Net.openUnixConnection(socket) : Net.openConnection("127.0.0.1", port);
        }

        @Override
        public String toString() {
            return isUnix() ? "unix socket " + socket : "127.0.0.1:" + port;
        }
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parseOrExit(args, USAGE, Endpoint.SWITCHES, 0, "--socket", "--port");
        Endpoint endpoint;
        try {
            endpoint = Endpoint.of(a);
        } catch (IllegalArgumentException e) {
            throw a.usageError(e.getMessage());
        }
        try {
            run(endpoint);
        } catch (IOException e) {
            System.err.println("ipc-server: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(Endpoint endpoint) throws IOException {
        AtomicInteger connections = new AtomicInteger();
        AtomicInteger messages = new AtomicInteger();
        Weft.run(() -> {
            Promise<Void> stop = Promise.create();
            ConnectionHandler handler = (reader, writer) -> {
                int id = connections.incrementAndGet();
                System.out.println("client " + id + " connected");
                try {
                    answer(id, reader, writer, messages, connections, stop);
                } finally {
                    System.out.println("client " + id + " disconnected");
                }
            };
            try (Server server = endpoint.isUnix() ? startUnix(handler, endpoint.socket())
                    : Net.startServer(handler, "127.0.0.1", endpoint.port())) {
                System.out.println("ipc-server listening on "
                        + (endpoint.isUnix() ? endpoint : new Endpoint(null, server.port())));
                stop.join();                                    // until STOP (or Ctrl+C cancels main)
                server.closeGracefully(Duration.ofSeconds(5));  // other clients get 5 s to finish
            }                                                   // a Unix server removes its socket file
            System.out.println("ipc-server stopped after " + connections.get() + " connections");
        });
    }

    /** One client: request line in, reply line out, until it hangs up or says STOP. */
    static void answer(int id, StreamReader reader, StreamWriter writer, AtomicInteger messages,
                      AtomicInteger connections, Promise<Void> stop) throws IOException {
        for (byte[] line; (line = reader.readLine()).length > 0; ) {   // await reader.readline()
            String request = new String(line, UTF_8).strip();
            String verb = request.split(" ", 2)[0];
            String reply = switch (verb) {
                case "PING" -> "PONG";
                case "SAY" -> {
                    messages.incrementAndGet();
                    System.out.println("client " + id + " says: " + request.substring(verb.length()).strip());
                    yield "OK";
                }
                case "STATS" -> "connections: " + connections.get() + ", messages: " + messages.get();
                case "STOP" -> "BYE";
                default -> "ERROR unknown command '" + verb + "'; try PING, SAY text, STATS or STOP";
            };
            writer.write((reply + "\n").getBytes(UTF_8));
            writer.drain();                                            // await writer.drain()
            if (verb.equals("STOP")) {
                stop.complete(null);
                return;
            }
        }
    }

    /**
     * {@link Net#startUnixServer} after clearing a stale socket file: one that is a socket but
     * that nothing answers on (a server killed before it could remove it). asyncio removes any
     * socket file in the way; connecting first keeps a second server from stealing a live one's path.
     */
    static Server startUnix(ConnectionHandler handler, Path socket) throws IOException {
        if (Files.exists(socket)) {
            if (!Files.readAttributes(socket, BasicFileAttributes.class).isOther()) {
                throw new IOException(socket + " exists and is not a socket; pass another path with --socket");
            }
            try (Connection live = Net.openUnixConnection(socket)) {
                throw new IOException("another server is listening on " + socket + "; stop it first, or pass "
                        + "another path with --socket");
            } catch (ConnectException stale) {
                Files.delete(socket);
                System.out.println("removed a stale socket file " + socket);
            }
        }
        return Net.startUnixServer(handler, socket);
    }
}

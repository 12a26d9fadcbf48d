package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's IPC: ipc-server in a child JVM, ipc-client here, over a Unix socket and over TCP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IpcExamplesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void twoClientsTalkToTheServerAndTheSecondStopsIt(String kind) throws Throwable {
        Path socket = dir.resolve("ipc.sock");
        List<String> serverArgs = kind.equals("unix") ? List.of("--socket", socket.toString())
                : List.of("--tcp", "--port", "0");
        try (ExampleProcess server = ExampleProcess.start(IpcServer.class, serverArgs.toArray(String[]::new))) {
            List<String> endpoint;
            if (kind.equals("unix")) {
                assertEquals("ipc-server listening on unix socket " + socket, server.nextLine());
                assertTrue(Files.exists(socket), "the server did not create " + socket);
                endpoint = List.of("--socket", socket.toString());
            } else {
                endpoint = List.of("--tcp", "--port", Integer.toString(server.awaitListening()));
            }

            ExampleRun first = ExampleRun.of(IpcClient::main,
                    args(endpoint, "PING", "SAY hello from the test", "STATS", "JUMP"));
            assertEquals("""
                    > PING
                    < PONG
                    > SAY hello from the test
                    < OK
                    > STATS
                    < connections: 1, messages: 1
                    > JUMP
                    < ERROR unknown command 'JUMP'; try PING, SAY text, STATS or STOP
                    """, first.output());
            assertEquals("client 1 connected", server.nextLine());
            assertEquals("client 1 says: hello from the test", server.nextLine());
            assertEquals("client 1 disconnected", server.nextLine());

            ExampleRun second = ExampleRun.of(IpcClient::main, args(endpoint, "STATS", "STOP"));
            assertEquals("""
                    > STATS
                    < connections: 2, messages: 1
                    > STOP
                    < BYE
                    """, second.output());
            assertEquals(0, server.awaitExit(), "output: " + server.lines);
            assertEquals(List.of("client 2 connected", "client 2 disconnected", "ipc-server stopped after 2 connections"),
                    server.lines.subList(4, server.lines.size()));
            assertFalse(Files.exists(socket), "the server left its socket file behind");
        }
    }

    @Test
    void theClientSendsTheSeedsGreetingByDefault() throws Throwable {
        Path socket = dir.resolve("ipc.sock");
        try (ExampleProcess server = ExampleProcess.start(IpcServer.class, "--socket", socket.toString())) {
            server.nextLine();
            ExampleRun run = ExampleRun.of(IpcClient::main, "--socket", socket.toString());
            assertEquals("> PING\n< PONG\n> SAY Hello from another process!\n< OK\n", run.output());
            assertEquals("client 1 connected", server.nextLine());
            assertEquals("client 1 says: Hello from another process!", server.nextLine());
            ExampleRun.of(IpcClient::main, "--socket", socket.toString(), "STOP");
            assertEquals(0, server.awaitExit(), "output: " + server.lines);
        }
    }

    @Test
    void ctrlCStopsTheServerAndRemovesItsSocketFile() throws Exception {
        Path socket = dir.resolve("ipc.sock");
        try (ExampleProcess server = ExampleProcess.start(IpcServer.class, "--socket", socket.toString())) {
            assertEquals("ipc-server listening on unix socket " + socket, server.nextLine());
            new ProcessBuilder("kill", "-INT", Long.toString(server.process.pid())).inheritIO().start().waitFor();
            assertEquals(130, server.awaitExit(), "SIGINT exit status; output: " + server.lines);
            assertFalse(Files.exists(socket), "Ctrl+C left the socket file behind");
        }
    }

    @Test
    void aStaleSocketFileIsReplacedButALiveOneIsLeftAlone() throws Throwable {
        Path socket = dir.resolve("ipc.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));     // closing it leaves the file, as a killed server does
        }
        assertTrue(Files.exists(socket));
        try (ExampleProcess server = ExampleProcess.start(IpcServer.class, "--socket", socket.toString())) {
            assertEquals("removed a stale socket file " + socket, server.nextLine());
            assertEquals("ipc-server listening on unix socket " + socket, server.nextLine());

            try (ExampleProcess second = ExampleProcess.start(IpcServer.class, "--socket", socket.toString())) {
                assertEquals(1, second.awaitExit(), "output: " + second.lines);
                assertEquals(List.of("ipc-server: another server is listening on " + socket
                        + "; stop it first, or pass another path with --socket"), second.lines);
            }
            assertTrue(Files.exists(socket), "the second server removed the first one's socket file");
            assertEquals("client 1 connected", server.nextLine());       // the second server's probe
            assertEquals("client 1 disconnected", server.nextLine());
            ExampleRun stats = ExampleRun.of(IpcClient::main, "--socket", socket.toString(), "STATS", "STOP");
            assertEquals("> STATS\n< connections: 2, messages: 0\n> STOP\n< BYE\n", stats.output());
            assertEquals(0, server.awaitExit(), "output: " + server.lines);
        }
    }

    private static String[] args(List<String> endpoint, String... commands) {
        List<String> all = new ArrayList<>(endpoint);
        all.addAll(List.of(commands));
        return all.toArray(String[]::new);
    }
}

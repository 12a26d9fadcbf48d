package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.core.Weft;
import dev.weft.examples.IpcServer.Endpoint;
import dev.weft.net.Connection;
import java.io.IOException;
import java.util.List;

/**
 * Seed: "Mastering asyncio", "What else can asyncio do?" - "from another script, connect to it
 * to achieve Inter-Process Communication" ({@code open_connection}; here
 * {@code open_unix_connection} by default). The other script: it connects to a running
 * ipc-server, sends each command as one line and prints the reply line.
 *
 * <pre>
 * ./weft run ipc-client [--socket PATH] [COMMAND...]       default: PING "SAY Hello from another process!"
 * ./weft run ipc-client --tcp [--port 8889] STATS
 * ./weft run ipc-client STOP                                stops the server
 * </pre>
 * Prints {@code > COMMAND} and {@code < REPLY} for each command.
 */
public final class IpcClient {
    static final String USAGE = "ipc-client [--socket PATH | --tcp [--port 8889]] [COMMAND...]";
    static final List<String> DEFAULT_COMMANDS = List.of("PING", "SAY Hello from another process!");

    private IpcClient() {}

    public static void main(String[] args) throws Exception {
        Args a = Args.parseOrExit(args, USAGE, Endpoint.SWITCHES, Integer.MAX_VALUE, "--socket", "--port");
        Endpoint endpoint;
        try {
            endpoint = Endpoint.of(a);
        } catch (IllegalArgumentException e) {
            throw a.usageError(e.getMessage());
        }
        List<String> commands = a.positional().isEmpty() ? DEFAULT_COMMANDS : a.positional();
        try {
            Weft.run(() -> talk(endpoint, commands));
        } catch (IOException e) {
            System.err.println("ipc-client: " + e.getMessage());   // e.g. "... Is the server running?"
            System.exit(1);
        }
    }

    static void talk(Endpoint endpoint, List<String> commands) throws IOException {
        try (Connection conn = endpoint.connect()) {                    // await asyncio.open_connection(...)
            for (String command : commands) {
                System.out.println("> " + command);
                conn.writer().write((command + "\n").getBytes(UTF_8));  // writer.write(...)
                byte[] reply = conn.reader().readLine();                // await reader.readline()
                if (reply.length == 0) {
                    System.out.println("the server closed the connection");
                    return;
                }
                System.out.println("< " + new String(reply, UTF_8).strip());
            }
        }                                                               // writer.close(); await wait_closed()
    }
}

package dev.weft.net;

/**
 * What a server runs for each connection (asyncio's {@code client_connected_cb}), as a task of
 * the server's scope.
 *
 * <pre>{@code
 * ConnectionHandler echo = (reader, writer) -> {
 *     for (byte[] line; (line = reader.readLine()).length > 0; ) {
 *         writer.write(line);
 *         writer.drain();
 *     }
 * };
 * }</pre>
 *
 * When the handler returns, its connection is closed gracefully (buffered bytes sent first).
 * If it throws, the exception is logged with the peer's address, the connection is closed, and
 * the server goes on serving. When the server closes, running handlers are cancelled.
 */
@FunctionalInterface
public interface ConnectionHandler {
    /** Serves one connection. */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}

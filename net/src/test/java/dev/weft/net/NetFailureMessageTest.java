package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.Weft;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Failures the JDK reports tersely or misleadingly get a message that says what happened and
 * what to do: a bind to an address this machine does not have, a UDP endpoint used after close,
 * a plain-text client at a TLS server, TLS messages without doubled punctuation.
 */
class NetFailureMessageTest {
    /** TEST-NET-1 (RFC 5737): documentation only, never an address of this machine. */
    private static final String NOT_HERE = "192.0.2.1";

    private static void assertSays(Throwable e, String... fragments) {
        String m = String.valueOf(e.getMessage());
        for (String f : fragments) {
            assertTrue(m.contains(f), "message '" + m + "' lacks '" + f + "'");
        }
        assertFalse(m.contains(".."), "doubled punctuation in '" + m + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "blocking"})
    void bindingAnAddressThisMachineDoesNotHaveSaysSo(String transport) throws Exception {
        NetOptions o = NetOptions.defaults().withTransport(transport);
        Weft.run(() -> {
            BindException e = assertThrows(BindException.class,
                    () -> Net.startServer((r, w) -> { }, NOT_HERE, 0, o));
            assertSays(e, "no network interface of this machine has that address", "127.0.0.1");
            assertFalse(e.getMessage().contains("already in use"), e.getMessage());
            BindException udp = assertThrows(BindException.class,
                    () -> Net.openDatagramEndpoint(new InetSocketAddress(NOT_HERE, 0), null, o));
            assertSays(udp, "no network interface of this machine has that address");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "blocking"})
    void aUdpEndpointUsedAfterCloseSaysItWasClosed(String transport) throws Exception {
        NetOptions o = NetOptions.defaults().withTransport(transport);
        Weft.run(() -> {
            DatagramEndpoint endpoint = Net.openDatagramEndpoint(new InetSocketAddress("127.0.0.1", 0),
                    new InetSocketAddress("127.0.0.1", 9), o);
            endpoint.close();
            assertSays(assertThrows(IOException.class, () -> endpoint.send(new byte[1])), "closed");
            assertSays(assertThrows(IOException.class,
                    () -> endpoint.sendTo(new byte[1], new InetSocketAddress("127.0.0.1", 9))), "closed");
            assertSays(assertThrows(IOException.class, endpoint::receive), "closed");
        });
    }

    /** The JDK's own exception for plain text where a TLS hello should be, as a TLS server meets it. */
    private static SSLException plainTextAtATlsServer() throws Exception {
        SSLEngine engine = TestCertificates.get().server.createSSLEngine();
        engine.setUseClientMode(false);
        ByteBuffer plain = ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        return assertThrows(SSLException.class, () -> engine.unwrap(plain, out));
    }

    @Test
    void aPlainTextClientAtATlsServerIsToldApartFromATrustProblem() throws Exception {
        IOException server = Failures.tlsHandshake(plainTextAtATlsServer(), "/127.0.0.1:5555", false);
        assertSays(server, "TLS handshake with /127.0.0.1:5555 failed", "plain text", "without TLS");
        assertFalse(server.getMessage().contains("trust store"), server.getMessage());
        IOException client = Failures.tlsHandshake(plainTextAtATlsServer(), "127.0.0.1:5555", true);
        assertSays(client, "plain text", "does not speak TLS on this port");
    }

    @Test
    void tlsMessagesEndingInAFullStopAreNotDoubled() {
        IOException e = Failures.tlsHandshake(new SSLHandshakeException("No name matching example.com found."),
                "example.com:443", true);
        assertSays(e, "No name matching example.com found. The server's certificate does not name the host");
    }

    @Test
    void tlsRefusalsFromARealHandshakeReadCleanly() throws Exception {
        TestCertificates certs = TestCertificates.get();
        Weft.run(() -> {
            try (Server server = Net.startServer((r, w) -> { }, "127.0.0.1", 0,
                    NetOptions.defaults().withTls(certs.server))) {
                assertSays(assertThrows(SSLHandshakeException.class, () -> Net.openConnection("127.0.0.1", server.port(),
                        NetOptions.defaults().withTls(certs.clientTrustingServer).withTlsServerName("wrong.example"))),
                        "does not name the host");
                assertSays(assertThrows(SSLHandshakeException.class, () -> Net.openConnection("127.0.0.1", server.port(),
                        NetOptions.defaults().withTls(certs.clientTrustingOther))), "not trusted");
            }
        });
    }
}

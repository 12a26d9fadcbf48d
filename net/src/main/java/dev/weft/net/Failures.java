package dev.weft.net;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns the JDK's terse socket exceptions ("Connection reset", "Broken pipe") into ones that say
 * what happened, to which peer, and what to do. The original is always the cause; the JDK type
 * is kept where it is the one users catch ({@link ConnectException}, {@link BindException}).
 */
final class Failures {
    private Failures() {}

    static IOException reading(IOException e, StreamConnection c) {
        if (e instanceof LimitOverrunException || e instanceof IncompleteReadException) {
            return e;
        }
        SocketAddress peer = c.remoteAddress();
        // while closing (a TLS close reads until the peer's close_notify) the socket is still open:
        // a failure then is the peer's (a reset), not our close
        if (isClosedHere(e) || (c.isClosingHere() && !c.stream().isOpen())) {
            return with(new SocketException("reading from " + peer + " failed: the connection was closed on this "
                    + "side (close() or abort() was called, or its server was closed); open a new connection"), e);
        }
        String m = message(e);
        if (m.contains("connection reset") || m.contains("connection aborted")) {
            return with(new SocketException("the connection with " + peer + " was reset by the peer while reading ("
                    + e.getMessage() + "): the peer aborted it (crashed, or closed with unread data); what it sent "
                    + "before is lost if not yet read. Open a new connection to go on"), e);
        }
        if (e instanceof SSLException) {
            return with(new SSLException("TLS error reading from " + peer + ": " + e.getMessage()
                    + " (the peer sent data that is not valid TLS for this session)"), e);
        }
        return with(new IOException("reading from " + peer + " failed: " + e.getMessage()), e);
    }

    static IOException writing(IOException e, StreamConnection c, long unsent) {
        SocketAddress peer = c.remoteAddress();
        if (c.isClosingHere() && isClosedHere(e)) {
            return with(new SocketException("sending to " + peer + " failed: the connection was closed on this side "
                    + "(abort() or its server's close) with " + unsent + " bytes unsent"), e);
        }
        String m = message(e);
        if (m.contains("broken pipe") || m.contains("connection reset") || m.contains("connection aborted")) {
            return with(new SocketException("the peer " + peer + " closed the connection while we were sending ("
                    + e.getMessage() + "); " + unsent + " buffered bytes were not delivered. The peer stopped "
                    + "reading early or crashed: check that it reads everything it is sent before closing"), e);
        }
        if (isClosedHere(e)) {
            return with(new SocketException("sending to " + peer + " failed: the socket was closed on this side"), e);
        }
        return with(new IOException("sending to " + peer + " failed: " + e.getMessage()), e);
    }

    static IOException connecting(IOException e, String target) {
        if (e instanceof ConnectException && message(e).contains("refused")) {
            return with(new ConnectException("connection to " + target + " refused: nothing is listening there. "
                    + "Start the server first, or check the host and port"), e);
        }
        if (e instanceof NoRouteToHostException) {
            return with(new NoRouteToHostException("no route to " + target + " (" + e.getMessage()
                    + "): the host is unreachable from here; check the address and the network"), e);
        }
        if (message(e).contains("no such file")) {
            return with(new ConnectException("connecting to Unix socket " + target + " failed: the socket file does "
                    + "not exist. Is the server running? Check the path"), e);
        }
        if (e instanceof SSLHandshakeException) {
            return tlsHandshake((SSLHandshakeException) e, target, true);
        }
        if (e instanceof ConnectException) {
            return with(new ConnectException("connecting to " + target + " failed: " + e.getMessage()), e);
        }
        return with(new IOException("connecting to " + target + " failed: " + e.getMessage()), e);
    }

    static IOException tlsHandshake(SSLException e, String peer, boolean client) {
        String m = message(e);
        String advice;
        if (m.contains("plaintext") || m.contains("unrecognized ssl message")) {
            advice = client ? "the server answered in plain text: it does not speak TLS on this port. Connect without "
                    + "TLS, or to the port where it speaks TLS"
                    : "the client sent plain text, not a TLS hello: it connected without TLS to this TLS port. It "
                    + "must connect with TLS, or to a port that serves plain text";
        } else if (m.contains("no name matching") || m.contains("no subject alternative")) {
            advice = "the server's certificate does not name the host we connected to: connect with a name the "
                    + "certificate lists, or set it with NetOptions.withTlsServerName";
        } else if (m.contains("pkix") || m.contains("certification path") || m.contains("unable to find valid")) {
            advice = "the server's certificate is not trusted: add it (or its CA) to the SSLContext's trust store";
        } else if (client) {
            advice = "check that the server speaks TLS on this port and shares a protocol version with us";
        } else {
            advice = "the client's TLS hello was refused or it gave up; check its trust store and protocol versions";
        }
        SSLHandshakeException mapped = new SSLHandshakeException("TLS handshake with " + peer + " failed: "
                + sentence(e.getMessage()) + " " + Character.toUpperCase(advice.charAt(0)) + advice.substring(1));
        mapped.initCause(e);
        return mapped;
    }

    static IOException listening(IOException e, SocketAddress local) {
        if (message(e).contains("assign requested address")) {
            return with(new BindException("cannot listen on " + local + ": no network interface of this machine "
                    + "has that address (it cannot be assigned here); use 127.0.0.1, 0.0.0.0 or one of the "
                    + "machine's addresses"), e);
        }
        if (e instanceof BindException || message(e).contains("already in use")) {
            if (local instanceof UnixDomainSocketAddress unix) {
                return with(new BindException("cannot listen on Unix socket " + unix.getPath() + ": the file exists "
                        + "(a running server, or a stale socket file left by one that stopped). Remove the file if "
                        + "no server uses it, or choose another path"), e);
            }
            return with(new BindException("cannot listen on " + local + ": the address is already in use (another "
                    + "server holds the port). Stop it, choose another port, or pass port 0 to get a free one"), e);
        }
        return with(new IOException("cannot listen on " + local + ": " + e.getMessage()), e);
    }

    static boolean isClosedHere(IOException e) {
        return e instanceof ClosedChannelException || e instanceof AsynchronousCloseException
                || message(e).endsWith(" is closed");
    }

    /** {@code m} as a sentence: ends in one full stop (or its own ? or !), never two. */
    private static String sentence(String m) {
        String s = m == null ? "" : m.strip();
        return s.isEmpty() || ".?!".indexOf(s.charAt(s.length() - 1)) >= 0 ? s : s + ".";
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? "" : m.toLowerCase(Locale.ROOT);
    }

    private static <E extends IOException> E with(E mapped, IOException cause) {
        mapped.initCause(cause);
        return mapped;
    }
}

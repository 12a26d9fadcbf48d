package dev.weft.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TEST-ONLY key material, made fresh at test time with the JDK's keytool (nothing is checked in):
 * a self-signed certificate for "localhost" and 127.0.0.1, and a second, unrelated one. The key
 * stores live in a temporary directory deleted when the JVM exits.
 */
final class TestCertificates {
    private static final char[] PASSWORD = "test-only".toCharArray();
    private static TestCertificates instance;

    final SSLContext server;
    final SSLContext clientTrustingServer;
    final SSLContext clientTrustingOther;
    private final Certificate serverCertificate;

    private TestCertificates() throws Exception {
        Path dir = Files.createTempDirectory("weft-test-tls");
        dir.toFile().deleteOnExit();
        Path serverStore = generate(dir, "server");
        Path otherStore = generate(dir, "other");
        KeyStore serverKeys = load(serverStore);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverKeys, PASSWORD);
        server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        serverCertificate = serverKeys.getCertificate("server");
        clientTrustingServer = trusting(serverCertificate, "TLS");
        clientTrustingOther = trusting(load(otherStore).getCertificate("other"), "TLS");
    }

    /** A client context that trusts the server's certificate and offers only {@code protocol}, e.g. "TLSv1.2". */
    SSLContext clientTrustingServer(String protocol) throws Exception {
        return trusting(serverCertificate, protocol);
    }

    static synchronized TestCertificates get() throws Exception {
        if (instance == null) {
            instance = new TestCertificates();
        }
        return instance;
    }

    private static Path generate(Path dir, String alias) throws IOException, InterruptedException {
        Path store = dir.resolve(alias + ".p12");
        store.toFile().deleteOnExit();
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", alias,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                .redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return store;
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private static SSLContext trusting(Certificate certificate, String protocol) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trusted", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}

package io.github.vapireceptionist.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app terminating TLS itself from a PEM certificate and key (TLS_CERTIFICATE, TLS_PRIVATE_KEY)
 * generated for this test with the JDK's keytool: TLS 1.2 and 1.3 are served, with HSTS; TLS 1.1
 * is refused by the app, which a control server in the same JVM shows the client really offers.
 */
class BuiltInTlsTest extends AppTest {

    private static final char[] PASSWORD = "test-only".toCharArray();
    private static final Path DIRECTORY = temporaryDirectory();
    private static final Path KEYSTORE = DIRECTORY.resolve("tls.p12");

    @Value("${local.server.port}")
    private int port;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        generateKeystore();
        KeyStore keystore = loadKeystore();
        Path certificate = DIRECTORY.resolve("certificate.pem");
        Path key = DIRECTORY.resolve("private-key.pem");
        Files.writeString(certificate, pem("CERTIFICATE", keystore.getCertificate("app").getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", ((PrivateKey) keystore.getKey("app", PASSWORD)).getEncoded()));
        registry.add("tls.certificate", certificate::toString);
        registry.add("tls.private-key", key::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void servesTls12And13WithHsts(String protocol) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trustingTheTestCertificate())
                .sslParameters(new SSLParameters(null, new String[] {protocol})).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(https("/health"))).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> webhook = client.send(HttpRequest.newBuilder(URI.create(https(WEBHOOK))).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("x-vapi-secret", SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(VapiPayloads.notification("status-update"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.sslSession()).hasValueSatisfying(session -> assertThat(session.getProtocol()).isEqualTo(protocol));
        assertThat(health.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
        assertThat(webhook.statusCode()).isEqualTo(200);
        assertThat(webhook.body()).isEqualTo("{}");
    }

    @Test
    void refusesTls11() throws Exception {
        SSLContext context = trustingTheTestCertificate();
        assertThat(handshake(context, controlServerPort(), "TLSv1.1")).as("the client can speak TLS 1.1 (control server)")
                .isEqualTo("TLSv1.1");

        assertThatThrownBy(() -> handshake(context, port, "TLSv1.1")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpOnTheTlsPortIsRefused() {
        HttpResponse<String> plain = httpGet("/health");

        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).doesNotContain("healthy");
    }

    private String https(String path) {
        return "https://127.0.0.1:" + port + path;
    }

    private static String handshake(SSLContext context, int port, String protocol) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    /** A bare TLS 1.1 server with the same key, answering one handshake. */
    private static int controlServerPort() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(loadKeystore(), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(new String[] {"TLSv1.1"});
        CompletableFuture.runAsync(() -> {
            try (server; SSLSocket accepted = (SSLSocket) server.accept()) {
                accepted.startHandshake();
                accepted.getInputStream().read();
            } catch (IOException e) {
                // the client closes after its handshake
            }
        }).orTimeout(30, TimeUnit.SECONDS);
        return server.getLocalPort();
    }

    private static SSLContext trustingTheTestCertificate() throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("app", loadKeystore().getCertificate("app"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void generateKeystore() throws IOException, InterruptedException {
        if (Files.exists(KEYSTORE)) {
            return;
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "app", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-keystore", KEYSTORE.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    private static KeyStore loadKeystore() throws GeneralSecurityException, IOException {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEYSTORE)) {
            keystore.load(in, PASSWORD);
        }
        return keystore;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("vapi-receptionist-tls");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vapireceptionist.core.Secret;
import io.github.vapireceptionist.webhook.WebhookProperties.AuthMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** WEBHOOK_AUTH_MODE: which credentials open the webhook, and that the header names are the configured ones. */
class WebhookAuthenticationModesTest {

    private static final String SECRET = "shared-secret-0123456789abcdef0123456789";
    private static final String HMAC_SECRET = "signing-secret-0123456789abcdef012345678";
    private static final long NOW = 1_763_784_256L;
    private static final String TIMESTAMP = Long.toString(NOW);
    private static final byte[] BODY = "{\"message\":{\"type\":\"tool-calls\"}}".getBytes(StandardCharsets.UTF_8);
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    private static final WebhookSignature SIGNATURE = new WebhookSignature(HmacProperties.DEFAULTS, HMAC_SECRET, CLOCK);

    private static WebhookAuthenticator authenticator(AuthMode mode) {
        return new WebhookAuthenticator(mode, Secret.of(SECRET), SIGNATURE);
    }

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private static boolean authenticates(WebhookAuthenticator authenticator, Map<String, String> headers) {
        return authenticator.authenticates(headers::get, () -> BODY);
    }

    private static final Map<String, String> SECRET_HEADER = headers("x-vapi-secret", SECRET);
    private static final Map<String, String> BEARER = headers("Authorization", "Bearer " + SECRET);
    private static final Map<String, String> SIGNED = headers("x-signature", SIGNATURE.signatureFor(TIMESTAMP, BODY), "x-timestamp", TIMESTAMP);

    @Test
    void secretModeTakesTheSecretOnly() {
        WebhookAuthenticator secret = authenticator(AuthMode.SECRET);

        assertThat(authenticates(secret, SECRET_HEADER)).isTrue();
        assertThat(authenticates(secret, BEARER)).isTrue();
        assertThat(authenticates(secret, SIGNED)).as("a valid signature is not what this mode asks for").isFalse();
    }

    @Test
    void hmacModeTakesAValidSignatureOnly() {
        WebhookAuthenticator hmac = authenticator(AuthMode.HMAC);

        assertThat(authenticates(hmac, SIGNED)).isTrue();
        assertThat(authenticates(hmac, SECRET_HEADER)).as("the shared secret alone").isFalse();
        assertThat(authenticates(hmac, BEARER)).isFalse();
        assertThat(authenticates(hmac, headers("x-signature", SIGNATURE.signatureFor(TIMESTAMP, BODY)))).as("no timestamp").isFalse();
        assertThat(authenticates(hmac, headers("x-timestamp", TIMESTAMP))).as("no signature").isFalse();
        assertThat(hmac.authenticates(SIGNED::get, () -> "{\"message\":{\"type\":\"tool-calls\"} }".getBytes(StandardCharsets.UTF_8)))
                .as("another body under the same signature").isFalse();
    }

    @Test
    void eitherModeTakesEitherAndNothingElse() {
        WebhookAuthenticator either = authenticator(AuthMode.EITHER);

        assertThat(authenticates(either, SECRET_HEADER)).isTrue();
        assertThat(authenticates(either, BEARER)).isTrue();
        assertThat(authenticates(either, SIGNED)).isTrue();
        assertThat(authenticates(either, headers("x-vapi-secret", "wrong", "x-signature", "00", "x-timestamp", TIMESTAMP))).isFalse();
        assertThat(authenticates(either, headers())).isFalse();
    }

    @Test
    void theSignatureIsReadFromTheConfiguredHeaders() {
        HmacProperties custom = new HmacProperties(null, null, "X-Vapi-Signature", "X-Vapi-Timestamp", "sha256=", null, null);
        WebhookSignature signature = new WebhookSignature(custom, HMAC_SECRET, CLOCK);
        WebhookAuthenticator hmac = new WebhookAuthenticator(AuthMode.HMAC, Secret.of(SECRET), signature);
        String signed = signature.signatureFor(TIMESTAMP, BODY);

        assertThat(authenticates(hmac, headers("x-vapi-signature", signed, "x-vapi-timestamp", TIMESTAMP))).isTrue();
        assertThat(authenticates(hmac, headers("x-signature", signed, "x-timestamp", TIMESTAMP))).as("default names").isFalse();
    }

    @Test
    void theBodyIsNeverReadToCheckASecret() {
        Supplier<byte[]> untouchable = () -> {
            throw new AssertionError("body read");
        };

        assertThat(authenticator(AuthMode.SECRET).authenticates(headers("x-vapi-secret", "wrong")::get, untouchable)).isFalse();
        assertThat(authenticator(AuthMode.EITHER).authenticates(SECRET_HEADER::get, untouchable)).isTrue();
    }

    @Test
    void couldAuthenticateJudgesTheHeadersAlone() {
        String stale = Long.toString(NOW - 3600);

        assertThat(authenticator(AuthMode.SECRET).couldAuthenticate(SECRET_HEADER::get)).isTrue();
        assertThat(authenticator(AuthMode.SECRET).couldAuthenticate(headers("x-vapi-secret", "wrong")::get)).isFalse();
        assertThat(authenticator(AuthMode.SECRET).couldAuthenticate(SIGNED::get)).as("signatures are not accepted").isFalse();
        assertThat(authenticator(AuthMode.HMAC).couldAuthenticate(SIGNED::get)).isTrue();
        assertThat(authenticator(AuthMode.HMAC).couldAuthenticate(headers("x-signature", "00".repeat(32), "x-timestamp", TIMESTAMP)::get))
                .as("plausible: only the body can tell").isTrue();
        assertThat(authenticator(AuthMode.HMAC).couldAuthenticate(headers("x-signature", "00".repeat(32), "x-timestamp", stale)::get))
                .isFalse();
        assertThat(authenticator(AuthMode.HMAC).couldAuthenticate(headers("x-signature", "00", "x-timestamp", TIMESTAMP)::get)).isFalse();
        assertThat(authenticator(AuthMode.EITHER).couldAuthenticate(BEARER::get)).isTrue();
        assertThat(authenticator(AuthMode.EITHER).couldAuthenticate(headers()::get)).isFalse();
    }

    @Test
    void aSigningModeWithoutASignatureCheckIsAConfigurationError() {
        assertThatThrownBy(() -> new WebhookAuthenticator(AuthMode.HMAC, Secret.of(SECRET), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

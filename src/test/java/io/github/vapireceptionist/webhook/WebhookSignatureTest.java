package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.webhook.HmacProperties.Algorithm;
import io.github.vapireceptionist.webhook.HmacProperties.Encoding;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Vapi's HMAC signature: hex(HMAC-SHA256(secret, "{timestamp}.{rawBody}")). The expected values
 * were computed independently with openssl:
 * {@code printf '%s' '1763784256.{"message":{"type":"status-update"}}' | openssl dgst -sha256 -hmac '<secret>'}.
 */
class WebhookSignatureTest {

    private static final String SECRET = "vapi-hmac-secret-0123456789abcdef0123";
    private static final long NOW = 1_763_784_256L;
    private static final String TIMESTAMP = Long.toString(NOW);
    private static final byte[] BODY = "{\"message\":{\"type\":\"status-update\"}}".getBytes(StandardCharsets.UTF_8);
    private static final String HEX_SHA256 = "4c1b92254efe1e3888ca9d6f5b525b8c95a15126f48b5999915613cd36dfd688";
    private static final String BASE64_SHA512 =
            "WbBzDF7hHJD9EVNgH6t5nHhUvrbmoDNzVgTpGLRmcIDZXGZIKUOvJYWvXrzxEkp9T9DO6VBc6t/Q5j9kxvxltQ==";

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    private static WebhookSignature signature(HmacProperties settings) {
        return new WebhookSignature(settings, SECRET, CLOCK);
    }

    private static HmacProperties settings(Algorithm algorithm, String prefix, Encoding encoding) {
        return new HmacProperties(null, algorithm, null, null, prefix, encoding, null);
    }

    private final WebhookSignature defaults = signature(HmacProperties.DEFAULTS);

    @Test
    void acceptsVapisSignatureOfTheRawBody() {
        assertThat(defaults.verifies(HEX_SHA256, TIMESTAMP, BODY)).isTrue();
        assertThat(defaults.verifies(HEX_SHA256.toUpperCase(), TIMESTAMP, BODY)).as("hex in capitals").isTrue();
        assertThat(defaults.signatureFor(TIMESTAMP, BODY)).isEqualTo(HEX_SHA256);
    }

    @Test
    void refusesAnythingThatIsNotExactlyThatBody() {
        byte[] reserialised = "{\"message\": {\"type\": \"status-update\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] tampered = "{\"message\":{\"type\":\"status-updatf\"}}".getBytes(StandardCharsets.UTF_8);

        assertThat(defaults.verifies(HEX_SHA256, TIMESTAMP, reserialised)).as("same JSON, other bytes").isFalse();
        assertThat(defaults.verifies(HEX_SHA256, TIMESTAMP, tampered)).isFalse();
        assertThat(defaults.verifies(HEX_SHA256, TIMESTAMP, new byte[0])).isFalse();
        assertThat(new WebhookSignature(HmacProperties.DEFAULTS, SECRET + "x", CLOCK).verifies(HEX_SHA256, TIMESTAMP, BODY))
                .as("another secret").isFalse();
    }

    @ParameterizedTest(name = "signature=<{0}>")
    @CsvSource(nullValues = "null", value = {"null", "''", "'   '", "nothex", "4c1b", "'4c1b92254efe1e3888ca9d6f5b525b8c95a15126f48b5999915613cd36dfd68'",
            "'4c1b92254efe1e3888ca9d6f5b525b8c95a15126f48b5999915613cd36dfd68800'",
            "'5c1b92254efe1e3888ca9d6f5b525b8c95a15126f48b5999915613cd36dfd688'",
            "'sha256=4c1b92254efe1e3888ca9d6f5b525b8c95a15126f48b5999915613cd36dfd688'"})
    void refusesAMissingMalformedOrWrongSignature(String presented) {
        assertThat(defaults.verifies(presented, TIMESTAMP, BODY)).isFalse();
    }

    @Test
    void theTimestampIsPartOfWhatIsSigned() {
        String signedNow = defaults.signatureFor(TIMESTAMP, BODY);

        assertThat(defaults.verifies(signedNow, Long.toString(NOW - 1), BODY)).isFalse();
        assertThat(defaults.verifies(signedNow, "0" + TIMESTAMP, BODY)).isFalse();
    }

    @ParameterizedTest(name = "{0} s from now")
    @ValueSource(longs = {0, -1, 1, -300, 300})
    void acceptsATimestampWithinTheWindowInSecondsOrMilliseconds(long offset) {
        String seconds = Long.toString(NOW + offset);
        String millis = Long.toString((NOW + offset) * 1000 - Long.signum(offset) * 999);

        assertThat(defaults.verifies(defaults.signatureFor(seconds, BODY), seconds, BODY)).isTrue();
        assertThat(defaults.verifies(defaults.signatureFor(millis, BODY), millis, BODY)).isTrue();
    }

    @ParameterizedTest(name = "{0} s from now")
    @ValueSource(longs = {-301, 301, -86_400, 86_400, -NOW})
    void refusesAStaleOrFutureTimestampEvenWhenCorrectlySigned(long offset) {
        String seconds = Long.toString(NOW + offset);
        String millis = Long.toString((NOW + offset) * 1000);

        assertThat(defaults.verifies(defaults.signatureFor(seconds, BODY), seconds, BODY)).isFalse();
        assertThat(defaults.verifies(defaults.signatureFor(millis, BODY), millis, BODY)).isFalse();
    }

    @ParameterizedTest(name = "timestamp=<{0}>")
    @CsvSource(nullValues = "null", value = {"null", "''", "' 1763784256'", "-1763784256", "1763784256.0", "17637842560000000000",
            "abc", "'1763784256 '"})
    void refusesATimestampThatIsNotPlainDigits(String timestamp) {
        String signed = timestamp == null ? HEX_SHA256 : defaults.signatureFor(timestamp, BODY);

        assertThat(defaults.verifies(signed, timestamp, BODY)).isFalse();
    }

    @Test
    void aConfiguredPrefixIsRequiredAndAnyCaseOfItIsFine() {
        WebhookSignature prefixed = signature(settings(Algorithm.SHA256, "sha256=", Encoding.HEX));

        assertThat(prefixed.verifies("sha256=" + HEX_SHA256, TIMESTAMP, BODY)).isTrue();
        assertThat(prefixed.verifies("SHA256=" + HEX_SHA256, TIMESTAMP, BODY)).isTrue();
        assertThat(prefixed.verifies(HEX_SHA256, TIMESTAMP, BODY)).as("prefix missing").isFalse();
        assertThat(prefixed.signatureFor(TIMESTAMP, BODY)).isEqualTo("sha256=" + HEX_SHA256);
    }

    @Test
    void base64AndSha512AsConfigured() {
        WebhookSignature sha512 = signature(settings(Algorithm.SHA512, null, Encoding.BASE64));

        assertThat(sha512.verifies(BASE64_SHA512, TIMESTAMP, BODY)).isTrue();
        assertThat(sha512.verifies(HEX_SHA256, TIMESTAMP, BODY)).as("hex SHA-256 where base64 SHA-512 is expected").isFalse();
        assertThat(defaults.verifies(BASE64_SHA512, TIMESTAMP, BODY)).as("base64 where hex is expected").isFalse();
    }

    @Test
    void theBodyIsNotReadWhenTheHeadersAlreadyFail() {
        assertThat(defaults.verifies(HEX_SHA256, Long.toString(NOW - 3600), () -> {
            throw new AssertionError("body read for a stale timestamp");
        })).isFalse();
        assertThat(defaults.verifies("zz", TIMESTAMP, () -> {
            throw new AssertionError("body read for an undecodable signature");
        })).isFalse();
    }
}

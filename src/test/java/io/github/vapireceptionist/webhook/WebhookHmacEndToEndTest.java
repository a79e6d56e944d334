package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * WEBHOOK_AUTH_MODE=hmac with a Vapi credential set to other header names, a prefix and base64:
 * only a fresh signature of exactly the bytes sent runs anything.
 */
@TestPropertySource(properties = {
        "webhook.auth-mode=hmac",
        "webhook.hmac.secret=" + WebhookHmacEndToEndTest.HMAC_SECRET,
        "webhook.hmac.signature-header=X-Vapi-Signature",
        "webhook.hmac.timestamp-header=X-Vapi-Timestamp",
        "webhook.hmac.signature-prefix=sha256=",
        "webhook.hmac.encoding=base64"})
class WebhookHmacEndToEndTest extends AppTest {

    static final String HMAC_SECRET = "hmac-e2e-secret-0123456789abcdef0123456789";

    /** A tool call whose function answers without the calendar, so an answer proves the function ran. */
    private static final String TOOL_CALL = VapiPayloads.toolCall("call_hmac", "check_availability", "{\"date\":\"not a date\"}");
    private static final String RAN = "{\"results\":[{\"toolCallId\":\"call_hmac\",\"name\":\"check_availability\","
            + "\"error\":\"I didn't catch a valid date. Which day would you like?\"}]}";

    @Test
    void aFreshSignatureOfTheRawBytesRunsTheFunction() {
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> seconds = signed(TOOL_CALL, Long.toString(now), TOOL_CALL, HMAC_SECRET);
        HttpResponse<String> millis = signed(TOOL_CALL, Long.toString(Instant.now().toEpochMilli()), TOOL_CALL, HMAC_SECRET);

        assertThat(seconds.statusCode()).isEqualTo(200);
        assertThat(seconds.body()).isEqualTo(RAN);
        assertThat(millis.body()).isEqualTo(RAN);
    }

    @Test
    void theExactBytesAreSignedNotTheirMeaning() {
        String spaced = "{ \"message\" : { \"type\" : \"status-update\", \"note\" : \"café ☎\" } }\n";

        HttpResponse<String> response = signed(spaced, Long.toString(Instant.now().getEpochSecond()), spaced, HMAC_SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
    }

    @Test
    void aTamperedBodyAWrongSecretOrAStaleOrFutureTimestampIs401() {
        long now = Instant.now().getEpochSecond();
        String tampered = TOOL_CALL.replace("not a date", "not a datf");

        assertUnauthorized(signed(TOOL_CALL, Long.toString(now), tampered, HMAC_SECRET));
        assertUnauthorized(signed(TOOL_CALL, Long.toString(now), TOOL_CALL, HMAC_SECRET + "x"));
        assertUnauthorized(signed(TOOL_CALL, Long.toString(now - 600), TOOL_CALL, HMAC_SECRET));
        assertUnauthorized(signed(TOOL_CALL, Long.toString(now + 600), TOOL_CALL, HMAC_SECRET));
    }

    @Test
    void missingHeadersOrTheSharedSecretAloneAre401() {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String signature = signature(TOOL_CALL, timestamp, HMAC_SECRET);

        assertUnauthorized(httpPost(WEBHOOK, TOOL_CALL));
        assertUnauthorized(httpPost(WEBHOOK, TOOL_CALL, "X-Vapi-Signature", signature));
        assertUnauthorized(httpPost(WEBHOOK, TOOL_CALL, "X-Vapi-Timestamp", timestamp));
        assertUnauthorized(httpPost(WEBHOOK, TOOL_CALL, "x-signature", signature, "x-timestamp", timestamp));
        assertUnauthorized(httpPost(WEBHOOK, TOOL_CALL, "x-vapi-secret", SECRET));
        assertUnauthorized(httpPost(WEBHOOK, TOOL_CALL, "Authorization", "Bearer " + SECRET));
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    }

    /** Signs {@code signedBody} but sends {@code sentBody}. */
    private HttpResponse<String> signed(String signedBody, String timestamp, String sentBody, String secret) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + WEBHOOK))
                .header("Content-Type", "application/json")
                .header("X-Vapi-Signature", signature(signedBody, timestamp, secret))
                .header("X-Vapi-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(sentBody, StandardCharsets.UTF_8)).build());
    }

    /** As Vapi's HMAC credential computes it, independently of the app's code. */
    private static String signature(String body, String timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

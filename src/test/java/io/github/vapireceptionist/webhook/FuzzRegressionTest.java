package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad requests the fuzz suite ({@link WebhookFuzzTest}) once answered wrongly, kept as named cases. */
class FuzzRegressionTest extends AppTest {

    private static final String VALID = VapiPayloads.toolCall("fz", "check_availability", "{\"date\":\"2001-01-06\"}");

    /**
     * Found with seed 2266540728558007681: platform-http handed the body over as a Reader decoding
     * UTF-8, which failed on the first invalid byte before the route ran (500 "internal error").
     */
    @Test
    void aBodyThatIsNotUtf8Is400() {
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        byte[] stray = valid.clone();
        stray[valid.length / 2] = (byte) 0xFF;

        for (byte[] body : new byte[][] {stray, concat(VALID.substring(0, 20).getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80})}) {
            HttpResponse<String> response = post(body);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"error\":\"bad request: the body is not valid JSON\"}");
        }
    }

    /** The same run: a UTF-16 body failed the same way; JSON parsers detect UTF-16 (RFC 4627), so it is read. */
    @Test
    void aUtf16BodyIsReadLikeAnyJson() {
        HttpResponse<String> response = post(VALID.getBytes(StandardCharsets.UTF_16));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("That date has already passed.");
    }

    @Test
    void theBytesSentAreTheBytesParsed() {
        HttpResponse<String> response = post(VapiPayloads.toolCall("fz-é", "check_availability", "{\"date\":\"2001-01-06\"}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"toolCallId\":\"fz-é\"");
    }

    private HttpResponse<String> post(byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + WEBHOOK)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("x-vapi-secret", SECRET)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}

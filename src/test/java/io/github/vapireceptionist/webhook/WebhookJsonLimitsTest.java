package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Bodies beyond the webhook's JSON limits (webhook.json.*: 64 levels, 100-digit numbers) are
 * refused with 400 and a readable error, never a 5xx; a message just inside them still runs.
 */
class WebhookJsonLimitsTest extends AppTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nestingBeyondTheLimitIs400AndWithinItIsAnswered() throws Exception {
        HttpResponse<String> deep = webhook(notificationWithExtra(nested(70)));
        HttpResponse<String> fine = webhook(notificationWithExtra(nested(50)));

        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(deep.body()).get("error").asText())
                .isEqualTo("bad request: the body is nested too deeply or holds a value too long to read");
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(fine.body()).isEqualTo("{}");
    }

    @Test
    void aHugeNumberIs400() throws Exception {
        HttpResponse<String> response = webhook(notificationWithExtra("1".repeat(5_000)));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).contains("too long");
    }

    @Test
    void thousandsOfLevelsAreRefusedWithoutHarm() {
        HttpResponse<String> response = webhook("{\"message\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        assertThat(webhook(VapiPayloads.notification("status-update")).statusCode()).isEqualTo(200);
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** A status-update with one more field holding the given JSON value (the message itself nests 2 levels). */
    private static String notificationWithExtra(String value) {
        return "{\"message\":{\"type\":\"status-update\",\"extra\":" + value + "}}";
    }
}

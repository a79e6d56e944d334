package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The webhook's body cap (here 64 KB): a real ~50 KB Vapi message passes, a larger body never gets read. */
@TestPropertySource(properties = "webhook.max-body-bytes=65536")
class WebhookBodyLimitTest extends AppTest {

    @Test
    void aRealisticallyLargeMessagePassesALargerOneIs413() {
        String transcript = "x".repeat(50_000);
        String fifty = "{\"message\":{\"type\":\"conversation-update\",\"transcript\":\"" + transcript + "\"}}";
        String seventy = "{\"message\":{\"type\":\"conversation-update\",\"transcript\":\"" + "x".repeat(70_000) + "\"}}";

        HttpResponse<String> accepted = webhook(fifty);
        HttpResponse<String> refused = webhook(seventy);

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).isEqualTo("{\"error\":\"the body is larger than 65536 bytes\"}");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }

    @Test
    void anotherSpellingOfTheWebhookPathIsCappedToo() {
        String seventy = "{\"message\":{\"type\":\"conversation-update\",\"transcript\":\"" + "x".repeat(70_000) + "\"}}";

        assertThat(httpPost(WEBHOOK + ";x=1", seventy, "x-vapi-secret", SECRET).statusCode()).isEqualTo(413);
        assertThat(httpPost("/api/webhooks/%76api", seventy, "x-vapi-secret", SECRET).statusCode()).isEqualTo(413);
    }

    @Test
    void aBodyOfUnknownLengthIs411AndTheAppStaysHealthy() {
        byte[] body = VapiPayloads.notification("status-update").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(URI.create(baseUrl() + WEBHOOK))
                .header("Content-Type", "application/json").header("x-vapi-secret", SECRET)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

        assertThat(chunked.statusCode()).isEqualTo(411);
        assertThat(httpGet("/health").statusCode()).isEqualTo(200);
        assertThat(webhook(VapiPayloads.notification("status-update")).body()).isEqualTo("{}");
    }
}

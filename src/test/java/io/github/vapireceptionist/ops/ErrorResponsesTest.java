package io.github.vapireceptionist.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.support.AppTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A wrong path or method answers a small JSON error, whatever the client accepts; never Spring's default body. */
class ErrorResponsesTest extends AppTest {

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"*/*", "application/json", "text/html", "application/xml"})
    void anUnknownPathIs404WithAJsonError(String accept) {
        HttpResponse<String> response = httpGet("/no-such-page", "Accept", accept);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"not found\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void anotherMethodOnTheWebhookIs405WithAllowAndAJsonError(String method) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl() + WEBHOOK))
                .header("x-vapi-secret", SECRET).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).isEqualTo("{\"error\":\"method not allowed\"}");
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/error", "/api/webhooks", "/api/webhooks/vapi/extra", "/actuator/env"})
    void pathsThatAreNotServedAre404(String path) {
        HttpResponse<String> response = httpGet(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"not found\"}");
    }
}

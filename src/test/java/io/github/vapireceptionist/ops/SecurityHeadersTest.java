package io.github.vapireceptionist.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of answer carries the security headers; none names the server or carries a trace. */
class SecurityHeadersTest extends AppTest {

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        List<HttpResponse<String>> responses = List.of(
                webhook(VapiPayloads.notification("status-update")),
                httpPost(WEBHOOK, "{}", "x-vapi-secret", "wrong"),
                webhook("{not json"),
                httpGet(WEBHOOK, "x-vapi-secret", SECRET),
                httpGet("/health"),
                httpGet("/no-such-page"),
                httpGet("/sandbox/easyappointments/index.php/api/v1/services/1"));

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 401, 400, 405, 200, 404, 401);
        for (HttpResponse<String> response : responses) {
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'none'; frame-ancestors 'none'");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(response.headers().firstValue("Server")).isEmpty();
            assertThat(response.headers().firstValue("Strict-Transport-Security")).as("plain http").isEmpty();
            assertThat(response.body()).doesNotContain("Exception", "\tat ");
        }
    }
}

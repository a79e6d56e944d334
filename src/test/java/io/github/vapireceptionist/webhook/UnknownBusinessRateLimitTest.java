package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.support.AppTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A request naming no known business is a failed authentication like any other: a client that keeps naming
 * businesses that do not exist uses up its RATE_LIMIT_REQUESTS and is then refused with 429, whatever it presents.
 */
@TestPropertySource(properties = {"businesses.by-path=true", "rate-limit.requests=2"})
@Import(WebhookBusinessesEndToEndTest.TwoBusinesses.class)
class UnknownBusinessRateLimitTest extends AppTest {

    @Test
    void unknownBusinessesUseUpTheClientsFailedAuthentications() {
        String unknown = WebhookBusinessesEndToEndTest.checkAvailability("\"phoneNumberId\":\"pn-nobody\"");
        String north = WebhookBusinessesEndToEndTest.checkAvailability("\"phoneNumberId\":\"pn-north\"");

        assertThat(httpPost(WEBHOOK, unknown, "x-vapi-secret", WebhookAuthenticationTest.NORTH_SECRET).statusCode()).isEqualTo(401);
        assertThat(httpPost(WEBHOOK + "/nobody", north, "x-vapi-secret", WebhookAuthenticationTest.NORTH_SECRET).statusCode())
                .isEqualTo(401);
        HttpResponse<String> third = httpPost(WEBHOOK, unknown, "x-vapi-secret", WebhookAuthenticationTest.NORTH_SECRET);

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
    }
}

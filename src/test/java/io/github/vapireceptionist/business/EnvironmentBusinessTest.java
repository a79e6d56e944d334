package io.github.vapireceptionist.business;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Without BUSINESSES_FILE the environment variables describe one business, id "default", and the webhook is as it
 * was: no path below /api/webhooks/vapi is served, and log lines name no business.
 */
class EnvironmentBusinessTest extends AppTest {

    @Autowired
    Businesses businesses;

    @Test
    void theEnvironmentDescribesOneBusiness() {
        assertThat(businesses.fromFile()).isFalse();
        assertThat(businesses.all()).singleElement().satisfies(business -> {
            assertThat(business.id()).isEqualTo(Businesses.DEFAULT_ID);
            assertThat(business.name()).isEqualTo("Vapi Receptionist");
        });
    }

    @Test
    void thePathFormIsNotServedAndLogLinesNameNoBusiness() {
        String body = VapiPayloads.toolCall("call_env", "check_availability", "{\"date\":\"not a date\"}");

        assertThat(httpPost(WEBHOOK + "/" + Businesses.DEFAULT_ID, body, "x-vapi-secret", SECRET).statusCode()).isEqualTo(404);
        try (LogCapture logs = LogCapture.start()) {
            HttpResponse<String> response = webhook(body);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(logs.text()).contains("tool_call ").doesNotContain("business_id");
        }
    }
}

package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.support.AppTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code assistant-request}, which Vapi sends for a phone number with a server URL and no assistant
 * (ServerMessageAssistantRequest in Vapi's OpenAPI): answered with VAPI_ASSISTANT_ID, or with an error
 * Vapi can speak and log ({@code assistant-request-returned-error}), never {@code {}}, and counted.
 */
class AssistantRequestContractTest {

    /** An assistant-request as Vapi sends it: the phone number and the call, no assistant. */
    static final String ASSISTANT_REQUEST = "{\"message\":{\"type\":\"assistant-request\",\"timestamp\":1763784256708,"
            + "\"phoneNumber\":{\"id\":\"6e5d4c3b-2a19-4807-b6a5-f4e3d2c1b0a9\",\"number\":\"+441234567890\"},"
            + "\"call\":{\"id\":\"019aa9bb-test-call\",\"type\":\"inboundPhoneCall\",\"customer\":{\"number\":\"+447700900123\"}},"
            + "\"customer\":{\"number\":\"+447700900123\"}}}";

    static final String ASSISTANT_ID = "0b4c7a1e-2f3d-4e5a-8b6c-9d0e1f2a3b4c";

    @Nested
    @TestPropertySource(properties = "vapi.assistant-id= " + ASSISTANT_ID + " ")
    class WithAnAssistantId extends AppTest {

        @Autowired
        MeterRegistry meters;

        @Test
        void answersWithTheAssistantId() {
            double before = count(meters, "assistant");

            HttpResponse<String> response = webhook(ASSISTANT_REQUEST);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(response.body()).isEqualTo("{\"assistantId\":\"" + ASSISTANT_ID + "\"}");
            assertThat(count(meters, "assistant")).isEqualTo(before + 1);
        }

        @Test
        void isAnsweredOnlyWhenAuthenticated() {
            HttpResponse<String> response = httpPost(WEBHOOK, ASSISTANT_REQUEST, "x-vapi-secret", "wrong");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).doesNotContain(ASSISTANT_ID);
        }
    }

    @Nested
    class WithoutAnAssistantId extends AppTest {

        @Autowired
        MeterRegistry meters;

        @Test
        void answersWithAnErrorVapiSpeaksAndLogs() {
            double before = count(meters, "no_assistant");

            HttpResponse<String> response = webhook(ASSISTANT_REQUEST);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"error\":\"" + AssistantRequests.NOT_SET_UP + "\"}");
            assertThat(count(meters, "no_assistant")).isEqualTo(before + 1);
        }
    }

    static double count(MeterRegistry meters, String outcome) {
        var counter = meters.find("assistant.requests").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}

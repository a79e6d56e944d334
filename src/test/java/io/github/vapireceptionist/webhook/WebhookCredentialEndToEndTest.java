package io.github.vapireceptionist.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.assistant.AssistantSync;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiApiStandIn;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.test.context.TestPropertySource;

/**
 * The credential the assistant sync sets up, and the backend that checks it, agree: the sync runs
 * against a WireMock Vapi with the backend's own settings, and a request signed exactly as that
 * credential's HMAC plan says (an independent signer, written from Vapi's HMACAuthenticationPlan) runs
 * the function on the running app; the same request tampered with is refused.
 */
@TestPropertySource(properties = {
        "webhook.auth-mode=hmac",
        "webhook.hmac.secret=" + WebhookCredentialEndToEndTest.HMAC_SECRET,
        "webhook.hmac.algorithm=sha512",
        "webhook.hmac.signature-header=X-Vapi-Signature",
        "webhook.hmac.encoding=base64"})
class WebhookCredentialEndToEndTest extends AppTest {

    static final String HMAC_SECRET = "credential-e2e-key-0123456789abcdef0123456789";

    @RegisterExtension
    static final WireMockExtension vapi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOL_CALL = VapiPayloads.toolCall("call_cred", "check_availability", "{\"date\":\"not a date\"}");
    private static final String RAN = "{\"results\":[{\"toolCallId\":\"call_cred\",\"name\":\"check_availability\","
            + "\"error\":\"I didn't catch a valid date. Which day would you like?\"}]}";

    /** The authentication plan of the credential the sync created, as Vapi received it. */
    private static JsonNode plan;

    /** Before this class's app starts: the sync is a JVM of its own in production, and sets up its own logging. */
    @BeforeAll
    static void syncTheAssistantWithTheBackendsSettings() throws Exception {
        VapiApiStandIn.keepsCredentials(vapi, "vapi-receptionist webhook", "cred-e2e");
        vapi.stubFor(post("/assistant").willReturn(VapiApiStandIn.json(201, "{\"id\":\"assistant-e2e\"}")));
        LoggingSystem.get(WebhookCredentialEndToEndTest.class.getClassLoader()).cleanUp();
        int exit;
        try {
            exit = AssistantSync.run("--vapi.api-base-url=" + vapi.baseUrl(), "--vapi.api-key=vapi-private-key-e2e",
                    "--app.backend-url=https://receptionist.example.com", "--webhook.secret=" + SECRET,
                    "--webhook.auth-mode=hmac", "--webhook.hmac.secret=" + HMAC_SECRET, "--webhook.hmac.algorithm=sha512",
                    "--webhook.hmac.signature-header=X-Vapi-Signature", "--webhook.hmac.encoding=base64");
        } finally {
            LoggingSystem.get(WebhookCredentialEndToEndTest.class.getClassLoader()).cleanUp();
        }
        assertThat(exit).isZero();
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> created = vapi.findAll(postRequestedFor(urlEqualTo("/credential")));
        assertThat(created).hasSize(1);
        plan = JSON.readTree(created.get(0).getBodyAsString()).path("authenticationPlan");
        assertThat(plan.path("type").asText()).isEqualTo("hmac");
    }

    @Test
    void aRequestSignedAsTheCredentialSignsRunsTheFunction() {
        HttpResponse<String> millis = signed(TOOL_CALL, Long.toString(Instant.now().toEpochMilli()), TOOL_CALL);
        HttpResponse<String> seconds = signed(TOOL_CALL, Long.toString(Instant.now().getEpochSecond()), TOOL_CALL);

        assertThat(millis.statusCode()).isEqualTo(200);
        assertThat(millis.body()).isEqualTo(RAN);
        assertThat(seconds.body()).isEqualTo(RAN);
    }

    @Test
    void theSameRequestTamperedWithIsRefused() {
        String timestamp = Long.toString(Instant.now().toEpochMilli());

        HttpResponse<String> tampered = signed(TOOL_CALL, timestamp, TOOL_CALL.replace("not a date", "not a datf"));
        HttpResponse<String> otherTime = send(request(TOOL_CALL, VapiApiStandIn.sign(plan, timestamp, TOOL_CALL),
                Long.toString(Long.parseLong(timestamp) + 1)));

        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(tampered.body()).isEqualTo("{\"error\":\"unauthorized\"}");
        assertThat(otherTime.statusCode()).isEqualTo(401);
    }

    /** Signs {@code signedBody} with the credential's plan but sends {@code sentBody}. */
    private HttpResponse<String> signed(String signedBody, String timestamp, String sentBody) {
        return send(request(sentBody, VapiApiStandIn.sign(plan, timestamp, signedBody), timestamp));
    }

    private HttpRequest request(String body, String signature, String timestamp) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + WEBHOOK))
                .header("Content-Type", "application/json")
                .header(plan.path("signatureHeader").asText(), signature)
                .header(plan.path("timestampHeader").asText(), timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }
}

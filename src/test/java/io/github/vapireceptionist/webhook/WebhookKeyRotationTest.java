package io.github.vapireceptionist.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.vapireceptionist.assistant.AssistantSync;
import io.github.vapireceptionist.support.VapiApiStandIn;
import io.github.vapireceptionist.webhook.WebhookProperties.AuthMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Rotating the webhook key, step by step as the README says, with the assistant sync against a
 * WireMock Vapi and the backend's authenticator built from the same settings at each step: at no
 * point is a request Vapi signs refused, and at the end the old key opens nothing.
 */
class WebhookKeyRotationTest {

    @RegisterExtension
    static final WireMockExtension vapi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "shared-secret-0123456789abcdef0123456789";
    private static final String OLD_KEY = "old-hmac-key-0123456789abcdef0123456789ab";
    private static final String NEW_KEY = "new-hmac-key-fedcba9876543210fedcba987654";
    private static final String CREDENTIAL_ID = "cred-rotation";
    private static final long NOW = 1_763_784_256L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final String BODY = "{\"message\":{\"type\":\"status-update\",\"status\":\"in-progress\"}}";

    @BeforeEach
    @AfterEach
    void loggingSetUpAfresh() {
        LoggingSystem.get(WebhookKeyRotationTest.class.getClassLoader()).cleanUp();
    }

    @Test
    void theKeyChangesWithoutARefusedRequestAndTheOldOneEndsUpOpeningNothing() throws Exception {
        VapiApiStandIn.keepsCredentials(vapi, "vapi-receptionist webhook", CREDENTIAL_ID);
        vapi.stubFor(post("/assistant").willReturn(VapiApiStandIn.json(201, "{\"id\":\"assistant-1\"}")));

        // 0. as set up: WEBHOOK_AUTH_MODE=hmac with the old key; the sync creates the credential
        WebhookProperties before = backend(AuthMode.HMAC, OLD_KEY, null);
        assertThat(sync("--webhook.auth-mode=hmac", "--webhook.hmac.secret=" + OLD_KEY)).isZero();
        JsonNode oldPlan = lastPlan();
        assertThat(authenticates(before, oldPlan)).isTrue();

        // 1. the backend first: either, the new key, the old one as WEBHOOK_HMAC_PREVIOUS_SECRET
        WebhookProperties during = backend(AuthMode.EITHER, NEW_KEY, OLD_KEY);
        assertThat(authenticates(during, oldPlan)).as("Vapi still signs with the old key").isTrue();

        // 2. then Vapi: the same settings synced update the same credential in place, with the new key
        assertThat(sync("--webhook.auth-mode=either", "--webhook.hmac.secret=" + NEW_KEY,
                "--webhook.hmac.previous-secret=" + OLD_KEY)).isZero();
        JsonNode newPlan = lastPlan();
        assertThat(newPlan.path("secretKey").asText()).isEqualTo(NEW_KEY);
        assertThat(vapi.findAll(postRequestedFor(urlEqualTo("/credential")))).as("no second credential").hasSize(1);
        assertThat(vapi.findAll(patchRequestedFor(urlEqualTo("/credential/" + CREDENTIAL_ID)))).hasSize(1);
        assertThat(authenticates(during, newPlan)).isTrue();

        // 3. the old key removed: hmac again, WEBHOOK_HMAC_PREVIOUS_SECRET empty
        WebhookProperties after = backend(AuthMode.HMAC, NEW_KEY, null);
        assertThat(authenticates(after, newPlan)).isTrue();
        assertThat(authenticates(after, oldPlan)).as("the old key opens nothing").isFalse();
        // a previous key left behind outside the switch is ignored
        assertThat(authenticates(backend(AuthMode.HMAC, NEW_KEY, OLD_KEY), oldPlan)).isFalse();
    }

    private static WebhookProperties backend(AuthMode mode, String key, String previousKey) {
        return new WebhookProperties(SECRET, mode, new HmacProperties(key, null, null, null, null, null, null, previousKey), null);
    }

    /** A request signed as Vapi signs with this plan, checked by the authenticator the backend builds from these settings. */
    private static boolean authenticates(WebhookProperties settings, JsonNode plan) {
        WebhookAuthenticator authenticator = new WebhookConfiguration().webhookAuthenticator(settings, null, CLOCK);
        String timestamp = Long.toString(NOW * 1000);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put(plan.path("signatureHeader").asText(), VapiApiStandIn.sign(plan, timestamp, BODY));
        headers.put(plan.path("timestampHeader").asText(), timestamp);
        return authenticator.authenticates(headers::get, () -> BODY.getBytes(StandardCharsets.UTF_8));
    }

    private static int sync(String... settings) {
        List<String> args = new ArrayList<>(List.of("--vapi.api-base-url=" + vapi.baseUrl(), "--vapi.api-key=vapi-private-key-rotation",
                "--app.backend-url=https://receptionist.example.com", "--webhook.secret=" + SECRET));
        args.addAll(List.of(settings));
        return AssistantSync.run(args.toArray(String[]::new));
    }

    /** The authentication plan of the latest credential body sent (create or update). */
    private static JsonNode lastPlan() throws Exception {
        List<LoggedRequest> sent = vapi.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl())).stream()
                .filter(request -> request.getUrl().startsWith("/credential") && !request.getMethod().getName().equals("GET"))
                .toList();
        return JSON.readTree(sent.get(sent.size() - 1).getBodyAsString()).path("authenticationPlan");
    }
}

package io.github.vapireceptionist.transfer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.LogCapture;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * transfer_to_agent with VAPI_PUBLIC_KEY set: the assistant sync has turned on
 * {@code monitorPlan.controlAuthenticationEnabled}, so Vapi's call control requires
 * {@code Authorization: Bearer <public key>} (MonitorPlan in Vapi's OpenAPI). The stand-in answers 401
 * without it, as an authenticated control URL would. Without the key, TransferToAgentContractTest holds
 * that no Authorization header is sent at all.
 */
@TestPropertySource(properties = {
    "transfer.enabled=true",
    "transfer.phone-number=" + TransferToAgentContractTest.TEAM_NUMBER,
    "vapi.control.allow-http=true",
    "vapi.public-key=" + TransferControlAuthenticationContractTest.PUBLIC_KEY})
class TransferControlAuthenticationContractTest extends AppTest {

    static final String PUBLIC_KEY = "3f1e9c2a-7b4d-4e8f-a1c6-5d2b0e9f8a47";
    private static final String CONTROL_PATH = "/019aa9bb-test-call/control";

    @RegisterExtension
    static final WireMockExtension vapi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void allowOnlyTheVapiStandIn(DynamicPropertyRegistry registry) {
        registry.add("vapi.control.allowed-hosts", () -> "127.0.0.1:" + vapi.getPort());
    }

    @Test
    void sendsThePublicKeyAsABearerTokenAndNeverLogsIt() throws Exception {
        vapi.stubFor(post(urlEqualTo(CONTROL_PATH)).atPriority(5).willReturn(aResponse().withStatus(401)));
        vapi.stubFor(post(urlEqualTo(CONTROL_PATH)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + PUBLIC_KEY))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));

        HttpResponse<String> response;
        String logs;
        try (LogCapture capture = LogCapture.atLevel(Level.DEBUG)) {
            response = webhook(TransferToAgentContractTest.transferCall("tc-auth",
                    TransferToAgentContractTest.controlUrl(vapi.getPort()), "wants a person"));
            logs = capture.text();
        }

        assertThat(TransferToAgentContractTest.result(response).get("success").asBoolean()).isTrue();
        vapi.verify(1, postRequestedFor(urlEqualTo(CONTROL_PATH))
                .withHeader("Authorization", equalTo("Bearer " + PUBLIC_KEY))
                .withRequestBody(equalToJson("{\"type\":\"transfer\",\"destination\":{\"type\":\"number\",\"number\":\""
                        + TransferToAgentContractTest.TEAM_NUMBER + "\"}}", true, true)));
        assertThat(logs).contains("Transfer started on call").doesNotContain(PUBLIC_KEY);
        assertThat(response.body()).doesNotContain(PUBLIC_KEY);
    }
}

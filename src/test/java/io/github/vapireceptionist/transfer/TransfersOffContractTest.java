package io.github.vapireceptionist.transfer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.transfer.TransferToAgentContractTest.controlUrl;
import static io.github.vapireceptionist.transfer.TransferToAgentContractTest.error;
import static io.github.vapireceptionist.transfer.TransferToAgentContractTest.transferCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.support.AppTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** TRANSFER_ENABLED=false, with a number and an allowlisted control URL: nothing is sent, and Vapi hears why. */
@TestPropertySource(properties = {
    "transfer.enabled=false",
    "transfer.phone-number=+447700900999",
    "vapi.control.allow-http=true"})
class TransfersOffContractTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension vapi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void allowTheVapiStandIn(DynamicPropertyRegistry registry) {
        registry.add("vapi.control.allowed-hosts", () -> "127.0.0.1:" + vapi.getPort());
    }

    @Test
    void transferToAgentSaysSoAndSendsNothing() throws Exception {
        vapi.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));

        HttpResponse<String> response = webhook(transferCall("tc-off", controlUrl(vapi.getPort()), "wants a person"));

        assertThat(error(response)).isEqualTo("I can't transfer calls right now. Can I take a message, or help with a booking?");
        vapi.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theDestinationRequestGetsAnError() {
        HttpResponse<String> response = webhook("{\"message\":{\"type\":\"transfer-destination-request\"}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"error\":\"Transfers are not available right now.\"}");
        vapi.verify(0, anyRequestedFor(anyUrl()));
    }
}

package io.github.vapireceptionist.transfer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.transfer.TransferToAgentContractTest.controlUrl;
import static io.github.vapireceptionist.transfer.TransferToAgentContractTest.error;
import static io.github.vapireceptionist.transfer.TransferToAgentContractTest.result;
import static io.github.vapireceptionist.transfer.TransferToAgentContractTest.transferCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.TestBusinesses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Two businesses on one deployment: north has its own transfer number, south has none. Each call is put through to
 * its own business's number (transfer_to_agent and Vapi's transfer-destination-request alike), south's callers hear
 * that transfers are off, and nothing of the deployment's TRANSFER_PHONE_NUMBER (the first business's, at start) is
 * used for either.
 */
@TestPropertySource(properties = {
    "businesses.by-path=true",
    "transfer.enabled=true",
    "transfer.phone-number=" + TransferPerBusinessTest.DEPLOYMENT_NUMBER,
    "vapi.control.allow-http=true",
    "vapi.control.timeout-ms=" + TransferToAgentContractTest.TIMEOUT_MS})
@Import(TransferPerBusinessTest.TwoBusinesses.class)
class TransferPerBusinessTest extends AppTest {

    static final String DEPLOYMENT_NUMBER = "+447700900111";
    static final String NORTH_NUMBER = "+447700900222";
    private static final String CONTROL_PATH = "/019aa9bb-test-call/control";

    @RegisterExtension
    static final WireMockExtension vapi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TestConfiguration
    static class TwoBusinesses {

        @Bean
        @Primary
        Businesses twoBusinesses() {
            return new Businesses(List.of(withTransferNumber(TestBusinesses.business("north", null), NORTH_NUMBER),
                    TestBusinesses.business("south", null)), true);
        }
    }

    static Business withTransferNumber(Business business, String number) {
        return new Business(business.id(), business.name(), business.timezone(), business.defaultPhoneRegion(), business.phone(),
                business.vapi(), business.webhook(), business.calendar(), business.confirmations(), number);
    }

    @DynamicPropertySource
    static void allowTheVapiStandIn(DynamicPropertyRegistry registry) {
        registry.add("vapi.control.allowed-hosts", () -> "127.0.0.1:" + vapi.getPort());
    }

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void controlAccepts() {
        vapi.resetAll();
        vapi.stubFor(post(urlEqualTo(CONTROL_PATH)).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void northsTransferGoesToNorthsOwnNumber() throws Exception {
        HttpResponse<String> response = call("north", transferCall("tc-north", controlUrl(vapi.getPort()), "billing"));

        assertThat(result(response).get("success").asBoolean()).isTrue();
        vapi.verify(1, anyRequestedFor(anyUrl()));
        vapi.verify(postRequestedFor(urlEqualTo(CONTROL_PATH)).withRequestBody(equalToJson("{\"type\":\"transfer\","
                + "\"destination\":{\"type\":\"number\",\"number\":\"" + NORTH_NUMBER + "\"},"
                + "\"content\":\"Connecting you to a member of the team now.\"}")));
    }

    @Test
    void southWithoutANumberHearsTransfersAreOffAndNothingIsSent() throws Exception {
        HttpResponse<String> response = call("south", transferCall("tc-south", controlUrl(vapi.getPort()), "billing"));

        assertThat(error(response)).isEqualTo(CallTransfers.UNAVAILABLE);
        vapi.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theDestinationRequestIsAnsweredWithEachBusinesssOwnNumberOrTheError() {
        String request = "{\"message\":{\"type\":\"transfer-destination-request\",\"call\":{\"id\":\"019aa9bb-test-call\"}}}";

        HttpResponse<String> north = call("north", request);
        HttpResponse<String> south = call("south", request);

        assertThat(north.body()).isEqualTo("{\"destination\":{\"type\":\"number\",\"number\":\"" + NORTH_NUMBER
                + "\",\"message\":\"Connecting you to a member of the team now.\"}}");
        assertThat(south.body()).isEqualTo("{\"error\":\"" + CallTransfers.NO_DESTINATION + "\"}");
        vapi.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void eachTransferIsCountedUnderItsOwnBusiness() throws Exception {
        double northCompleted = transfers("north", "tool", "completed");
        double southRefused = transfers("south", "tool", "refused");

        assertThat(result(call("north", transferCall("tc-north-metric", controlUrl(vapi.getPort()), "billing"))).get("success")
                .asBoolean()).isTrue();
        assertThat(error(call("south", transferCall("tc-south-metric", controlUrl(vapi.getPort()), "billing"))))
                .isEqualTo(CallTransfers.UNAVAILABLE);

        // north's was counted after the POST to call control, a step that reads the business from the transfer
        assertThat(transfers("north", "tool", "completed") - northCompleted).isEqualTo(1);
        assertThat(transfers("south", "tool", "refused") - southRefused).isEqualTo(1);
        assertThat(meters.find("transfers").tag("business", "south").tag("outcome", "completed").counter()).isNull();
        assertThat(meters.find("transfers").meters()).as("with the file every series names its business")
                .allSatisfy(meter -> assertThat(meter.getId().getTag("business")).isIn("north", "south"));
    }

    private double transfers(String business, String via, String outcome) {
        Counter counter = meters.find("transfers").tags("business", business, "via", via, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpResponse<String> call(String business, String body) {
        HttpResponse<String> response = httpPost(WEBHOOK + "/" + business, body, "x-vapi-secret", TestBusinesses.secretOf(business));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }
}

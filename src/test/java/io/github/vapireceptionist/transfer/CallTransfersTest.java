package io.github.vapireceptionist.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.core.CallContext;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.ToolCall;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.webhook.VapiMessage;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The decisions of transfer_to_agent that need no HTTP: when to refuse, the reason, the destination answer. */
class CallTransfersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String CONTROL_URL = "https://phone-call-websocket.aws-us-west-2-backend-production3.vapi.ai/019aa9bb/control";
    private static final ControlUrlPolicy POLICY = new ControlUrlPolicy(List.of("*.vapi.ai"), false,
            host -> new InetAddress[] {InetAddress.getByName("44.230.12.34")});

    private static CallTransfers transfers(boolean enabled, String number) {
        return new CallTransfers(new TransferProperties(enabled, number, "Connecting you now."), POLICY, JSON, new SimpleMeterRegistry());
    }

    private static ToolCall call(String controlUrl) {
        ObjectNode arguments = NODES.objectNode().put("reason", "wants Ada on 07123 456789");
        return new ToolCall("tc-1", "transfer_to_agent", arguments, true, new CallContext("call-1", "+447700900123", controlUrl));
    }

    @Test
    void transfersOffOrWithoutANumberAreRefusedBeforeTheControlUrlIsLookedAt() {
        for (CallTransfers off : List.of(transfers(false, "+447700900999"), transfers(true, ""), transfers(true, null))) {
            assertThatThrownBy(() -> off.check(call(CONTROL_URL)))
                    .isInstanceOf(SpeakableException.class)
                    .hasMessage("I can't transfer calls right now. Can I take a message, or help with a booking?");
        }
    }

    @Test
    void aControlUrlThePolicyRefusesIsAnHonestFailure() {
        for (String url : new String[] {null, "https://evil.example/control", "http://api.vapi.ai/control"}) {
            assertThatThrownBy(() -> transfers(true, "+447700900999").check(call(url)))
                    .isInstanceOf(SpeakableException.class)
                    .hasMessage("I can't transfer you right now. Can I take a message for the team?");
        }
    }

    @Test
    void anAllowedTransferCarriesTheCheckedUrl() {
        CallTransfers.Transfer transfer = transfers(true, "+447700900999").check(call(CONTROL_URL));

        assertThat(transfer.callId()).isEqualTo("call-1");
        assertThat(transfer.controlUrl()).hasToString(CONTROL_URL);
        assertThat(transfer.origin()).isEqualTo("https://phone-call-websocket.aws-us-west-2-backend-production3.vapi.ai");
    }

    @Test
    void onlyA2xxIsASuccess() {
        CallTransfers transfers = transfers(true, "+447700900999");
        CallTransfers.Transfer transfer = transfers.check(call(CONTROL_URL));

        assertThat(transfers.answer(transfer, 200)).isEqualTo(new CallTransfers.TransferStarted(true, "Transfer initiated successfully"));
        assertThat(transfers.answer(transfer, 204).success()).isTrue();
        for (Integer status : new Integer[] {null, 100, 199, 301, 302, 307, 308, 400, 401, 404, 429, 500, 503}) {
            assertThatThrownBy(() -> transfers.answer(transfer, status)).as("HTTP %s", status)
                    .hasMessage("I can't transfer you right now. Can I take a message for the team?");
        }
    }

    @Test
    void theReasonIsOptionalTrimmedOneLineAndBounded() {
        assertThat(CallTransfers.reason(null)).isNull();
        assertThat(CallTransfers.reason(NODES.nullNode())).isNull();
        assertThat(CallTransfers.reason(NODES.numberNode(42))).isNull();
        assertThat(CallTransfers.reason(NODES.objectNode())).isNull();
        assertThat(CallTransfers.reason(NODES.textNode("   "))).isNull();
        assertThat(CallTransfers.reason(NODES.textNode("  billing question \n"))).isEqualTo("billing question");
        assertThat(CallTransfers.reason(NODES.textNode("line one\r\nFAKE LOG LINE\u2028x\u202e"))).isEqualTo("line one FAKE LOG LINE x");
        assertThat(CallTransfers.reason(NODES.textNode("x".repeat(5_000)))).hasSize(200);
        assertThat(CallTransfers.reason(NODES.textNode("😀".repeat(300)))).hasSize(400).isEqualTo("😀".repeat(200));
    }

    @Test
    void theDestinationRequestIsAnsweredWithTheNumberOrAnError() throws Exception {
        VapiMessage request = new VapiMessage(VapiMessage.Shape.NOTIFICATION, "transfer-destination-request",
                new CallContext("call-1", null, CONTROL_URL), List.of());

        assertThat(JSON.writeValueAsString(transfers(true, "+447700900999").destination(request)))
                .isEqualTo("{\"destination\":{\"type\":\"number\",\"number\":\"+447700900999\",\"message\":\"Connecting you now.\"}}");
        assertThat(JSON.writeValueAsString(transfers(false, "+447700900999").destination(request)))
                .isEqualTo("{\"error\":\"Transfers are not available right now.\"}");
        assertThat(JSON.writeValueAsString(transfers(true, "").destination(request)))
                .isEqualTo("{\"error\":\"Transfers are not available right now.\"}");
    }

    @Test
    void withBusinessesFileEveryOutcomeIsCountedUnderTheCallsBusinessEvenAfterThePost() {
        MeterRegistry meters = new SimpleMeterRegistry();
        Business north = TransferPerBusinessTest.withTransferNumber(TestBusinesses.business("north", null), "+447700900222");
        CallTransfers transfers = new CallTransfers(new TransferProperties(false, null, "Connecting you now."), POLICY, null, JSON,
                meters, new Businesses(List.of(north, TestBusinesses.business("south", null)), true));

        CallTransfers.Transfer transfer = transfers.check(call(CONTROL_URL), exchangeFor(north));
        transfers.answer(transfer, 200);
        assertThatThrownBy(() -> transfers.answer(transfer, 500)).isInstanceOf(SpeakableException.class);
        assertThatThrownBy(() -> transfers.unreachable(transfer, new IOException("reset"))).isInstanceOf(SpeakableException.class);
        assertThatThrownBy(() -> transfers.check(call("https://evil.example/control"), exchangeFor(north)))
                .isInstanceOf(SpeakableException.class);

        assertThat(transfer.business()).isEqualTo(north);
        for (String reason : List.of("none", "rejected", "unreachable", "control_url")) {
            assertThat(meters.find("transfers").tags("business", "north", "reason", reason).counter()).as(reason).isNotNull()
                    .satisfies(counter -> assertThat(counter.count()).isEqualTo(1));
        }
        assertThat(meters.find("transfers").meters()).hasSize(4);
    }

    @Test
    void withoutBusinessesFileTheSeriesHaveNoBusinessLabel() {
        MeterRegistry meters = new SimpleMeterRegistry();
        Business only = TransferPerBusinessTest.withTransferNumber(TestBusinesses.business(Businesses.DEFAULT_ID, null), "+447700900999");
        CallTransfers transfers = new CallTransfers(new TransferProperties(true, "+447700900999", "Connecting you now."), POLICY, null,
                JSON, meters, Businesses.single(only));

        CallTransfers.Transfer transfer = transfers.check(call(CONTROL_URL), exchangeFor(only));
        transfers.answer(transfer, 200);
        assertThatThrownBy(() -> transfers.unreachable(transfer, new IOException("reset"))).isInstanceOf(SpeakableException.class);

        assertThat(meters.find("transfers").meters()).hasSize(2).extracting(Meter::getId)
                .allSatisfy(id -> assertThat(id.getTags()).extracting(tag -> tag.getKey()).containsOnly("via", "outcome", "reason"));
    }

    private static Exchange exchangeFor(Business business) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Businesses.EXCHANGE_PROPERTY, business);
        return exchange;
    }
}

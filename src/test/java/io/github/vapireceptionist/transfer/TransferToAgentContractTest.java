package io.github.vapireceptionist.transfer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.vapireceptionist.support.AppTest;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * transfer_to_agent against a stand-in for Vapi's call control (vapi-server-messages.md, "Live call
 * control"), allowlisted exactly as 127.0.0.1:port over http; a second stand-in plays a host off the
 * allowlist. SSRF cases prove that no request leaves: both stand-ins must see nothing.
 */
@TestPropertySource(properties = {
    "transfer.enabled=true",
    "transfer.phone-number=" + TransferToAgentContractTest.TEAM_NUMBER,
    "vapi.control.allow-http=true",
    "vapi.control.timeout-ms=" + TransferToAgentContractTest.TIMEOUT_MS})
class TransferToAgentContractTest extends AppTest {

    static final String TEAM_NUMBER = "+447700900999";
    /** The production default: a shorter one made the very first, cold transfer of a run time out. */
    static final int TIMEOUT_MS = 1500;

    @RegisterExtension
    static final WireMockExtension vapi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final WireMockExtension evil = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /**
     * A cold WireMock can take longer than the 1.5 s call-control timeout to answer its first request on
     * a busy machine: that first answer is not what these tests are about.
     */
    @BeforeAll
    static void warmUpTheStandIn() throws Exception {
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(vapi.baseUrl() + "/warm-up")).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTROL_PATH = "/019aa9bb-test-call/control";
    private static final String FAILED = "I can't transfer you right now. Can I take a message for the team?";
    private static final String TRANSFER_COMMAND = "{\"type\":\"transfer\",\"destination\":{\"type\":\"number\",\"number\":\""
            + TEAM_NUMBER + "\"},\"content\":\"Connecting you to a member of the team now.\"}";
    /** What an HTTP client adds by itself; anything else on the control request came from somewhere it must not. */
    private static final Set<String> CLIENT_HEADERS = Set.of("content-type", "content-length", "host", "connection",
            "user-agent", "accept-encoding");

    @DynamicPropertySource
    static void allowOnlyTheVapiStandIn(DynamicPropertyRegistry registry) {
        registry.add("vapi.control.allowed-hosts", () -> "127.0.0.1:" + vapi.getPort());
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    @Qualifier("callControlCircuitBreaker")
    CircuitBreaker callControlBreaker;

    @Test
    void postsExactlyTheTransferCommandAndAnswersTheDatasheetsSuccess() throws Exception {
        vapi.stubFor(post(urlEqualTo(CONTROL_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Set-Cookie", "vapi=1").withBody("{}")));

        HttpResponse<String> response = httpPost(WEBHOOK, transferCall("tc-1", controlUrl(vapi.getPort()),
                        "wants Ada Lovelace, ada@example.com, 07123 456789"),
                "x-vapi-secret", SECRET, "Cookie", "session=abc", "X-Forwarded-For", "203.0.113.9", "X-Custom", "leak");

        assertThat(result(response)).isEqualTo(JSON.readTree("{\"success\":true,\"message\":\"Transfer initiated successfully\"}"));
        vapi.verify(1, anyRequestedFor(anyUrl()));
        vapi.verify(postRequestedFor(urlEqualTo(CONTROL_PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(TRANSFER_COMMAND)));
        LoggedRequest sent = vapi.getAllServeEvents().get(0).getRequest();
        assertThat(sent.getBodyAsString()).isEqualTo(TRANSFER_COMMAND);
        Set<String> headers = new TreeSet<>();
        sent.getHeaders().keys().forEach(name -> headers.add(name.toLowerCase()));
        assertThat(headers).as("nothing of the webhook request travels on").isSubsetOf(CLIENT_HEADERS);
        assertThat(headers).as("no VAPI_PUBLIC_KEY: call control without authentication").doesNotContain("authorization");
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("Set-Cookie"));
        evil.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 202, 204})
    void anyTwoHundredIsAStartedTransfer(int status) throws Exception {
        vapi.stubFor(post(urlEqualTo(CONTROL_PATH)).willReturn(aResponse().withStatus(status)));

        assertThat(result(webhook(transferCall("tc-2", controlUrl(vapi.getPort()), null))).get("success").asBoolean()).isTrue();
    }

    @Test
    void theDatasheetsFunctionCallGetsTheResultObject() throws Exception {
        vapi.stubFor(post(urlEqualTo(CONTROL_PATH)).willReturn(aResponse().withStatus(200)));
        ObjectNode body = JSON.createObjectNode().put("type", "function-call");
        body.putObject("call").put("id", "019aa9bb-test-call").putObject("monitor").put("controlUrl", controlUrl(vapi.getPort()));
        body.putObject("functionCall").put("name", "transfer_to_agent").putObject("parameters").put("reason", "billing");

        HttpResponse<String> response = webhook(body.toString());

        assertThat(response.body()).isEqualTo("{\"result\":{\"success\":true,\"message\":\"Transfer initiated successfully\"}}");
    }

    static Stream<Arguments> vapiRefusals() {
        return Stream.of(
                Arguments.of("500 JSON", aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Internal server error\"}")),
                Arguments.of("404 empty", aResponse().withStatus(404)),
                Arguments.of("400 call already ended", aResponse().withStatus(400).withBody("{\"message\":\"Call has ended\"}")),
                Arguments.of("401", aResponse().withStatus(401)),
                Arguments.of("429 with a long Retry-After", aResponse().withStatus(429).withHeader("Retry-After", "3600")),
                Arguments.of("503 with Retry-After", aResponse().withStatus(503).withHeader("Retry-After", "30")),
                Arguments.of("301 to itself", aResponse().withStatus(301).withHeader("Location", CONTROL_PATH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vapiRefusals")
    void anyOtherAnswerIsAnHonestFailureTriedOnce(String what, ResponseDefinitionBuilder answer) throws Exception {
        vapi.stubFor(post(urlEqualTo(CONTROL_PATH)).willReturn(answer));

        // a client that honoured a 3600 s Retry-After would not answer within the test client's 20 s
        HttpResponse<String> response = webhook(transferCall("tc-3", controlUrl(vapi.getPort()), "billing"));

        assertThat(error(response)).isEqualTo(FAILED);
        assertThat(response.body()).doesNotContain("Internal server error", "Call has ended");
        vapi.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRedirectIsAFailureAndIsNeverFollowed() throws Exception {
        vapi.stubFor(post(urlEqualTo(CONTROL_PATH)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + vapi.getPort() + "/redirected")));
        vapi.stubFor(post(urlEqualTo("/elsewhere")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://127.0.0.1:" + evil.getPort() + "/stolen")));
        vapi.stubFor(post(urlEqualTo("/redirected")).willReturn(aResponse().withStatus(200)));
        evil.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));

        HttpResponse<String> toItself = webhook(transferCall("tc-4", controlUrl(vapi.getPort()), null));
        HttpResponse<String> toAnotherHost = webhook(transferCall("tc-5", "http://127.0.0.1:" + vapi.getPort() + "/elsewhere", null));

        assertThat(error(toItself)).isEqualTo(FAILED);
        assertThat(error(toAnotherHost)).isEqualTo(FAILED);
        vapi.verify(0, anyRequestedFor(urlEqualTo("/redirected")));
        vapi.verify(2, anyRequestedFor(anyUrl()));
        evil.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aVapiSlowerThanTheTimeoutIsAFailureWithoutTheWait() throws Exception {
        vapi.stubFor(post(urlEqualTo(CONTROL_PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(TIMEOUT_MS * 3)));

        HttpResponse<String> response = webhook(transferCall("tc-6", controlUrl(vapi.getPort()), null));

        // Vapi would have answered 200 after 4.5 s: a failure means the timeout, not Vapi, decided
        assertThat(error(response)).isEqualTo(FAILED);
        vapi.verify(1, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
    void aBrokenConnectionIsAFailure(Fault fault) throws Exception {
        vapi.stubFor(post(urlEqualTo(CONTROL_PATH)).willReturn(aResponse().withFault(fault)));

        assertThat(error(webhook(transferCall("tc-7", controlUrl(vapi.getPort()), null)))).isEqualTo(FAILED);
    }

    @Test
    void whileCallControlKeepsFailingItsBreakerOpensAndNothingMoreIsSent() throws Exception {
        vapi.stubFor(post(urlEqualTo(CONTROL_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        for (int i = 0; i < 5; i++) {
            assertThat(error(webhook(transferCall("tc-down-" + i, controlUrl(vapi.getPort()), null)))).isEqualTo(FAILED);
        }
        assertThat(callControlBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThat(error(webhook(transferCall("tc-while-open", controlUrl(vapi.getPort()), null)))).isEqualTo(FAILED);
        vapi.verify(5, anyRequestedFor(anyUrl()));
    }

    /** Control URLs pointing anywhere but the allowlisted stand-in, built from both stand-ins' ports. */
    static Stream<Arguments> notVapi() {
        return Stream.<Arguments>of(
                Arguments.of("another port on the same address", (IntFunction<String>) v -> "http://127.0.0.1:" + evil.getPort() + CONTROL_PATH),
                Arguments.of("localhost is not the listed address", (IntFunction<String>) v -> "http://localhost:" + v + CONTROL_PATH),
                Arguments.of("IPv6 loopback", (IntFunction<String>) v -> "http://[::1]:" + v + CONTROL_PATH),
                Arguments.of("decimal IPv4", (IntFunction<String>) v -> "http://2130706433:" + v + CONTROL_PATH),
                Arguments.of("zero-padded IPv4", (IntFunction<String>) v -> "http://127.0.0.01:" + v + CONTROL_PATH),
                Arguments.of("no port", (IntFunction<String>) v -> "http://127.0.0.1" + CONTROL_PATH),
                Arguments.of("user info naming the allowed host",
                        (IntFunction<String>) v -> "http://127.0.0.1:" + v + "@127.0.0.1:" + evil.getPort() + CONTROL_PATH),
                Arguments.of("backslash before @",
                        (IntFunction<String>) v -> "http://127.0.0.1:" + evil.getPort() + "\\@127.0.0.1:" + v + CONTROL_PATH),
                Arguments.of("fragment hiding @",
                        (IntFunction<String>) v -> "http://127.0.0.1:" + evil.getPort() + "#@127.0.0.1:" + v + CONTROL_PATH),
                Arguments.of("a property placeholder in the path",
                        (IntFunction<String>) v -> "http://127.0.0.1:" + v + "/{{webhook.secret}}/control"),
                Arguments.of("ftp", (IntFunction<String>) v -> "ftp://127.0.0.1:" + v + CONTROL_PATH),
                Arguments.of("relative", (IntFunction<String>) v -> CONTROL_PATH),
                Arguments.of("whitespace", (IntFunction<String>) v -> " http://127.0.0.1:" + v + CONTROL_PATH),
                Arguments.of("missing", (IntFunction<String>) v -> null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notVapi")
    void aControlUrlOffTheAllowlistSendsNothing(String what, IntFunction<String> url) throws Exception {
        vapi.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
        evil.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));

        HttpResponse<String> response = webhook(transferCall("tc-8", url.apply(vapi.getPort()), null));

        assertThat(error(response)).isEqualTo(FAILED);
        vapi.verify(0, anyRequestedFor(anyUrl()));
        evil.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theComponentItselfConnectsOnlyToAllowlistedHosts() {
        evil.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));

        Exchange sent = producer.send("vapiControlHttp:vapi-call-control", exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_URI, "http://localhost:" + evil.getPort() + "/skipped-the-policy");
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            exchange.getMessage().setBody("{}");
        });

        assertThat(sent.getException()).isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("localhost is not on VAPI_CONTROL_ALLOWED_HOSTS");
        evil.verify(0, anyRequestedFor(anyUrl()));
        vapi.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theControlComponentKeepsItsOwnSettingsBesideTheCalendars() {
        HttpComponent control = camel.getComponent("vapiControlHttp", HttpComponent.class);
        HttpComponent calendar = camel.getComponent("http", HttpComponent.class);

        assertThat(control).isInstanceOf(VapiControlHttpComponent.class);
        assertThat(List.of(control.getConnectTimeout(), control.getConnectionRequestTimeout(), control.getSoTimeout(),
                control.getResponseTimeout())).containsOnly((long) TIMEOUT_MS);
        assertThat(control.isFollowRedirects()).isFalse();
        assertThat(control.isRedirectHandlingDisabled()).isTrue();
        assertThat(control.isAutomaticRetriesDisabled()).isTrue();
        assertThat(control.isCookieManagementDisabled()).isTrue();
        assertThat(control.isSkipControlHeaders()).isFalse();
        assertThat(calendar.getResponseTimeout()).as("the calendar's read timeout is untouched").isEqualTo(2_500L);
    }

    @Test
    void theDestinationRequestIsAnsweredWithTheTeamsNumber() {
        HttpResponse<String> response = webhook("{\"message\":{\"type\":\"transfer-destination-request\","
                + "\"call\":{\"id\":\"019aa9bb-test-call\"}}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"destination\":{\"type\":\"number\",\"number\":\"" + TEAM_NUMBER
                + "\",\"message\":\"Connecting you to a member of the team now.\"}}");
        vapi.verify(0, anyRequestedFor(anyUrl()));
    }

    static String controlUrl(int port) {
        return "http://127.0.0.1:" + port + CONTROL_PATH;
    }

    /** A wrapped tool-calls message for transfer_to_agent on a call with this control URL (none when null). */
    static String transferCall(String toolCallId, String controlUrl, String reason) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("message").put("type", "tool-calls").put("timestamp", 1763784256708L);
        ObjectNode call = message.putObject("call").put("id", "019aa9bb-test-call").put("type", "inboundPhoneCall");
        if (controlUrl != null) {
            call.putObject("monitor").put("controlUrl", controlUrl);
        }
        ObjectNode toolCall = message.putArray("toolCallList").addObject().put("id", toolCallId).put("type", "function");
        ObjectNode arguments = toolCall.putObject("function").put("name", "transfer_to_agent").putObject("arguments");
        if (reason != null) {
            arguments.put("reason", reason);
        }
        return root.toString();
    }

    static JsonNode result(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode call = JSON.readTree(response.body()).at("/results/0");
        assertThat(call.has("error")).as(response.body()).isFalse();
        return JSON.readTree(call.get("result").asText());
    }

    static String error(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode call = JSON.readTree(response.body()).at("/results/0");
        assertThat(call.has("result")).as(response.body()).isFalse();
        return call.get("error").asText();
    }
}

package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Business.Credential;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.core.Secret;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Which business a webhook request is for, and that only that business's credentials open it: by the path, the
 * phone number's id or the assistant's; an unknown business is refused whatever it presents. Without
 * BUSINESSES_FILE the environment's authenticator decides alone, and the body is never read.
 */
class WebhookAuthenticationTest {

    static final String NORTH_SECRET = "north-secret-0123456789-0123456789-abcd";
    static final String SOUTH_SECRET = "south-secret-0123456789-0123456789-abcd";
    static final String WEST_HMAC = "west-hmac-key-0123456789-0123456789-abcd";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);

    static final Business NORTH = business("north", List.of("pn-north"), List.of("asst-north"), NORTH_SECRET, null);
    static final Business SOUTH = business("south", List.of("pn-south"), List.of("asst-south"), SOUTH_SECRET, null);
    static final Business WEST = business("west", List.of("pn-west"), List.of(), null, WEST_HMAC);

    private final WebhookAuthentication authentication = new WebhookAuthentication(
            new Businesses(List.of(NORTH, SOUTH, WEST), true), new WebhookAuthenticator(Secret.of("environment-secret")),
            HmacProperties.DEFAULTS, CLOCK, new JsonFactory());

    static Business business(String id, List<String> phoneNumberIds, List<String> assistantIds, String secret, String hmacSecret) {
        return new Business(id, id, ZoneId.of("Europe/London"), "GB", null,
                new Business.Vapi(phoneNumberIds, assistantIds, "assistant-of-" + id),
                new Business.Webhook(secret == null ? null : new Credential(id.toUpperCase() + "_SECRET", secret),
                        hmacSecret == null ? null : new Credential(id.toUpperCase() + "_HMAC", hmacSecret)),
                new Business.Calendar(null, null, "sandbox", null, 1, 2, List.of(), List.of()),
                new Business.Confirmations(null, null, null, null, List.of("sms"), null), null);
    }

    /** A POST as platform-http hands it to the route: the servlet request, the headers, the raw body. */
    static Exchange request(String path, String body, Map<String, String> headers) {
        return request(path, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), headers);
    }

    static Exchange request(String path, InputStream body, Map<String, String> headers) {
        MockHttpServletRequest servlet = new MockHttpServletRequest("POST", path);
        servlet.setServletPath(path);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_SERVLET_REQUEST, servlet);
        headers.forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    static String message(String envelopeFields) {
        return "{\"message\":{\"type\":\"tool-calls\"," + envelopeFields + ",\"toolCallList\":[]}}";
    }

    private boolean admits(Exchange exchange) {
        return !authentication.rejects(exchange);
    }

    @Test
    void thePhoneNumbersIdSelectsTheBusinessWhoseSecretAloneOpensIt() {
        String body = message("\"phoneNumber\":{\"id\":\"pn-south\",\"number\":\"+441632960000\"}");

        Exchange withSouthsSecret = request("/api/webhooks/vapi", body, Map.of("x-vapi-secret", SOUTH_SECRET));
        assertThat(admits(withSouthsSecret)).isTrue();
        assertThat(withSouthsSecret.getProperty(Businesses.EXCHANGE_PROPERTY)).isEqualTo(SOUTH);
        assertThat(withSouthsSecret.getProperty(Correlation.BUSINESS_ID)).isEqualTo("south");

        assertThat(admits(request("/api/webhooks/vapi", body, Map.of("x-vapi-secret", NORTH_SECRET)))).isFalse();
        assertThat(admits(request("/api/webhooks/vapi", body, Map.of("Authorization", "Bearer " + NORTH_SECRET)))).isFalse();
        assertThat(admits(request("/api/webhooks/vapi", body, Map.of("x-vapi-secret", "environment-secret")))).isFalse();
    }

    @Test
    void theCallsPhoneNumberIdAndTheAssistantsIdSelectTheirBusinessToo() {
        assertThat(admits(request("/api/webhooks/vapi", message("\"call\":{\"id\":\"c1\",\"phoneNumberId\":\"pn-north\"}"),
                Map.of("x-vapi-secret", NORTH_SECRET)))).isTrue();
        assertThat(admits(request("/api/webhooks/vapi", message("\"assistant\":{\"id\":\"asst-south\",\"name\":\"x\"}"),
                Map.of("x-vapi-secret", SOUTH_SECRET)))).isTrue();
        assertThat(admits(request("/api/webhooks/vapi", message("\"call\":{\"assistantId\":\"asst-north\"}"),
                Map.of("x-vapi-secret", NORTH_SECRET)))).isTrue();
        assertThat(admits(request("/api/webhooks/vapi", message("\"call\":{\"assistantId\":\"asst-north\"}"),
                Map.of("x-vapi-secret", SOUTH_SECRET)))).isFalse();
    }

    @Test
    void thePhoneNumberDecidesBeforeTheAssistant() {
        String body = message("\"phoneNumber\":{\"id\":\"pn-north\"},\"assistant\":{\"id\":\"asst-south\"}");

        assertThat(admits(request("/api/webhooks/vapi", body, Map.of("x-vapi-secret", NORTH_SECRET)))).isTrue();
        assertThat(admits(request("/api/webhooks/vapi", body, Map.of("x-vapi-secret", SOUTH_SECRET)))).isFalse();
    }

    @Test
    void anIdNoBusinessClaimsIsPassedOverForOneThatIsClaimed() {
        String body = message("\"phoneNumber\":{\"id\":\"pn-nobody\"},\"call\":{\"assistantId\":\"asst-south\"}");

        assertThat(admits(request("/api/webhooks/vapi", body, Map.of("x-vapi-secret", SOUTH_SECRET)))).isTrue();
    }

    @Test
    void theDatasheetsUnwrappedShapeNamesItsBusinessTheSameWay() {
        String body = "{\"type\":\"function-call\",\"call\":{\"id\":\"c1\",\"phoneNumberId\":\"pn-south\"},\"functionCall\":{\"name\":\"x\"}}";

        assertThat(admits(request("/api/webhooks/vapi", body, Map.of("x-vapi-secret", SOUTH_SECRET)))).isTrue();
    }

    @Test
    void thePathNamesTheBusinessWhateverTheBodySays() {
        String body = message("\"phoneNumber\":{\"id\":\"pn-north\"}");

        Exchange south = request("/api/webhooks/vapi/south", body, Map.of("x-vapi-secret", SOUTH_SECRET));
        assertThat(admits(south)).isTrue();
        assertThat(south.getProperty(Businesses.EXCHANGE_PROPERTY)).isEqualTo(SOUTH);
        assertThat(admits(request("/api/webhooks/vapi/south", body, Map.of("x-vapi-secret", NORTH_SECRET)))).isFalse();
    }

    @Test
    void anUnknownBusinessIsRefusedWhateverCredentialsItPresents() {
        for (String secret : List.of(NORTH_SECRET, SOUTH_SECRET, "environment-secret")) {
            Map<String, String> headers = Map.of("x-vapi-secret", secret);
            Exchange unknownPhone = request("/api/webhooks/vapi", message("\"phoneNumber\":{\"id\":\"pn-nobody\"}"), headers);
            assertThat(admits(unknownPhone)).isFalse();
            assertThat(unknownPhone.getProperty(Businesses.EXCHANGE_PROPERTY)).isNull();
            assertThat(admits(request("/api/webhooks/vapi", message("\"customer\":{\"number\":\"+447700900123\"}"), headers))).isFalse();
            assertThat(admits(request("/api/webhooks/vapi", "not json {", headers))).isFalse();
            assertThat(admits(request("/api/webhooks/vapi/nobody", message("\"phoneNumber\":{\"id\":\"pn-north\"}"), headers))).isFalse();
            assertThat(admits(request("/api/webhooks/vapi/north/extra", message("\"phoneNumber\":{\"id\":\"pn-north\"}"), headers)))
                    .isFalse();
        }
    }

    @Test
    void aBusinessWithAnHmacKeyOnlyIsOpenedByItsSignatureAndNeverByASecret() {
        String body = message("\"phoneNumber\":{\"id\":\"pn-west\"}");
        String timestamp = Long.toString(CLOCK.instant().getEpochSecond());
        String signature = new WebhookSignature(HmacProperties.DEFAULTS, WEST_HMAC, CLOCK)
                .signatureFor(timestamp, body.getBytes(StandardCharsets.UTF_8));
        String northsKeySignature = new WebhookSignature(HmacProperties.DEFAULTS, NORTH_SECRET, CLOCK)
                .signatureFor(timestamp, body.getBytes(StandardCharsets.UTF_8));

        assertThat(admits(request("/api/webhooks/vapi", body, Map.of("x-signature", signature, "x-timestamp", timestamp)))).isTrue();
        assertThat(admits(request("/api/webhooks/vapi", body, Map.of("x-signature", northsKeySignature, "x-timestamp", timestamp))))
                .isFalse();
        assertThat(admits(request("/api/webhooks/vapi", body, Map.of("x-vapi-secret", WEST_HMAC)))).isFalse();
    }

    @Test
    void withoutTheFileTheEnvironmentsSecretDecidesAndTheBodyIsNeverRead() {
        Business single = business(Businesses.DEFAULT_ID, List.of(), List.of(), null, null);
        WebhookAuthentication environment = new WebhookAuthentication(Businesses.single(single),
                new WebhookAuthenticator(Secret.of("environment-secret")), HmacProperties.DEFAULTS, CLOCK, new JsonFactory());
        InputStream unreadable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read before authentication");
            }
        };

        Exchange request = request("/api/webhooks/vapi", unreadable, Map.of("x-vapi-secret", "environment-secret"));
        assertThat(environment.rejects(request)).isFalse();
        assertThat(request.getProperty(Businesses.EXCHANGE_PROPERTY)).isEqualTo(single);
        assertThat(request.getProperty(Correlation.BUSINESS_ID)).as("no business id on the log lines of one business").isNull();
        assertThat(environment.rejects(request("/api/webhooks/vapi", unreadable, Map.of("x-vapi-secret", NORTH_SECRET)))).isTrue();
    }

    @Test
    void theHeadersCouldAuthenticateOnlyWithCredentialsOfTheBusinessThePathNamesOrOfAny() {
        MockHttpServletRequest north = new MockHttpServletRequest("POST", "/api/webhooks/vapi/north");
        north.setServletPath("/api/webhooks/vapi/north");
        north.addHeader("x-vapi-secret", SOUTH_SECRET);
        MockHttpServletRequest anyBusiness = new MockHttpServletRequest("POST", "/api/webhooks/vapi");
        anyBusiness.setServletPath("/api/webhooks/vapi");
        anyBusiness.addHeader("x-vapi-secret", SOUTH_SECRET);
        MockHttpServletRequest nobody = new MockHttpServletRequest("POST", "/api/webhooks/vapi");
        nobody.setServletPath("/api/webhooks/vapi");
        nobody.addHeader("x-vapi-secret", "environment-secret");

        assertThat(authentication.couldAuthenticate(north)).isFalse();
        assertThat(authentication.couldAuthenticate(anyBusiness)).isTrue();
        assertThat(authentication.couldAuthenticate(nobody)).isFalse();
    }
}

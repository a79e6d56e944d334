package io.github.vapireceptionist.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Booking confirmations against a stand-in that answers as Twilio's Messages API does (201 with a
 * sid; 4xx/5xx JSON with code and message). Bookings go to the sandbox calendar.
 */
@TestPropertySource(properties = {
    "twilio.account-sid=AC0123456789abcdef0123456789abcdef",
    "twilio.auth-token=twilio-test-token",
    "twilio.phone-number=+15005550006",
    "twilio.whatsapp-number=whatsapp:+14155238886",
    "confirmation.channels=whatsapp,sms",
    // these tests count every retry: Twilio's circuit breaker must not open halfway through one
    "resilience.circuit-breaker.twilio.minimum-calls=1000",
    "confirmation.budget-ms=3000",
    "twilio.read-timeout-ms=10000",
    "confirmation.max-retries=2",
    "confirmation.retry-delay-ms=50"
})
class ConfirmationContractTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGES = "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json";

    @DynamicPropertySource
    static void twilioUrl(DynamicPropertyRegistry registry) {
        registry.add("twilio.api-base-url", twilio::baseUrl);
    }

    @Autowired
    SandboxCalendar sandbox;

    @Autowired
    BookingReplays replays;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(3));

    @BeforeEach
    void freshCalendar() {
        sandbox.reset();
        replays.clear();
    }

    @Test
    void aKeptBookingIsConfirmedOnceOnWhatsAppWithTwiliosExactWireFormat() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(created()));

        JsonNode booked = booked(book("tc-c1", "10:00"));
        JsonNode replay = booked(book("tc-c1", "10:00"));

        assertThat(booked.get("confirmation_sent").asBoolean()).isTrue();
        assertThat(replay.get("appointment_id")).isEqualTo(booked.get("appointment_id"));
        String basic = Base64.getEncoder().encodeToString(
                "AC0123456789abcdef0123456789abcdef:twilio-test-token".getBytes(StandardCharsets.UTF_8));
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo("whatsapp:+447123456789"))
                .withFormParam("From", equalTo("whatsapp:+14155238886"))
                .withFormParam("Body", containing("you're booked for"))
                .withFormParam("Body", containing("at 10:00. Your reference is " + booked.get("appointment_id").asInt())));
    }

    @Test
    void outsideTheWhatsAppWindowItFallsBackToSmsWithoutRetrying() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("whatsapp:+447123456789"))
                .willReturn(error(400, 63016, "Failed to send freeform message because you are outside the allowed window.")));
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("+447123456789")).willReturn(created()));

        JsonNode booked = booked(book("tc-c2", "10:30"));

        assertThat(booked.get("confirmation_sent").asBoolean()).isTrue();
        twilio.verify(1, toWhatsApp());
        twilio.verify(1, toSms());
    }

    @Test
    void anInvalidNumberOnEveryChannelCostsNothingButTheMessage() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(error(400, 21211, "The 'To' number is not a valid phone number.")));

        JsonNode booked = booked(book("tc-c3", "11:00"));

        assertThat(booked.get("success").asBoolean()).isTrue();
        assertThat(booked.get("confirmation_sent").asBoolean()).isFalse();
        assertThat(sandbox.appointments(Map.of("date", day.toString()))).hasSize(1);
        twilio.verify(1, toWhatsApp());
        twilio.verify(1, toSms());
    }

    @Test
    void temporaryFailuresAreRetriedABoundedNumberOfTimesAndNeverUndoTheBooking() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(error(500, 20500, "Internal Server Error")));

        JsonNode booked = booked(book("tc-c4", "11:30"));

        assertThat(booked.get("success").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            twilio.verify(3, toWhatsApp());
            twilio.verify(3, toSms());
        });
        assertThat(sandbox.appointments(Map.of("date", day.toString()))).hasSize(1);
    }

    @Test
    void aSlowTwilioCostsTheCallerAtMostTheBudgetAndTheMessageStillGoes() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(created().withFixedDelay(6_000)));

        JsonNode booked = booked(book("tc-c5", "14:00"));

        assertThat(booked.get("success").asBoolean()).isTrue();
        assertThat(booked.get("confirmation_sent").asBoolean())
                .as("Twilio accepts (201), but only after the budget: the caller was answered first").isFalse();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> twilio.verify(1, toWhatsApp()));
        twilio.verify(0, toSms());
    }

    @Test
    void anOutageNeverCostsABooking() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        JsonNode booked = booked(book("tc-c6", "14:30"));

        assertThat(booked.get("success").asBoolean()).isTrue();
        assertThat(booked.get("confirmation_sent").asBoolean()).isFalse();
        assertThat(sandbox.appointments(Map.of("date", day.toString()))).hasSize(1);
    }

    @Test
    void noMessageForABookingThatWasNotKept() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(created()));
        booked(book("tc-c7", "15:00"));
        twilio.resetRequests();

        HttpResponse<String> sameSlotOtherCaller = webhook(VapiPayloads.toolCall("tc-c8", "book_appointment",
                arguments("15:00", "someone.else@example.com")));
        HttpResponse<String> samePersonAgain = book("tc-c9", "15:00");
        HttpResponse<String> invalid = webhook(VapiPayloads.toolCall("tc-c10", "book_appointment", "{\"date\":\"" + day + "\"}"));

        assertThat(sameSlotOtherCaller.body()).contains("That time isn't free");
        assertThat(booked(samePersonAgain).get("already_booked").asBoolean()).isTrue();
        assertThat(invalid.body()).contains("To book you in I still need");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES))));
    }

    private HttpResponse<String> book(String toolCallId, String time) {
        return webhook(VapiPayloads.toolCall(toolCallId, "book_appointment", arguments(time, "ada@example.com")));
    }

    private String arguments(String time, String email) {
        return "{\"date\":\"" + day + "\",\"time\":\"" + time + "\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\","
                + "\"email\":\"" + email + "\",\"phone\":\"07123 456789\"}";
    }

    private static RequestPatternBuilder toWhatsApp() {
        return postRequestedFor(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("whatsapp:+447123456789"));
    }

    private static RequestPatternBuilder toSms() {
        return postRequestedFor(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("+447123456789"));
    }

    private static ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(
                "{\"sid\":\"SM1234567890abcdef1234567890abcdef\",\"status\":\"queued\",\"to\":\"+447123456789\","
                        + "\"from\":\"+15005550006\",\"body\":\"...\",\"num_segments\":\"1\",\"direction\":\"outbound-api\","
                        + "\"account_sid\":\"AC0123456789abcdef0123456789abcdef\"}");
    }

    private static ResponseDefinitionBuilder error(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(
                "{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
                        + code + "\",\"status\":" + status + "}");
    }

    private static JsonNode booked(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode call = JSON.readTree(response.body()).at("/results/0");
        assertThat(call.has("result")).as(response.body()).isTrue();
        return JSON.readTree(call.get("result").asText());
    }

}

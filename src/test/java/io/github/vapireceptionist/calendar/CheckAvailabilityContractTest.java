package io.github.vapireceptionist.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.failure;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.notFound;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** check_availability against a stand-in that answers exactly as Easy!Appointments 1.5.2 does. */
@TestPropertySource(properties = {
    "easyappointments.api-token=ea-test-token",
    "easyappointments.read-timeout-ms=1500"
})
class CheckAvailabilityContractTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNREACHABLE = "I can't reach the booking calendar right now. Please try again in a moment.";

    @DynamicPropertySource
    static void calendarUrl(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", () -> calendar.baseUrl() + "/");
    }

    private final LocalDate day = LocalDate.now(ZoneId.of("Europe/London")).plusDays(3);

    @BeforeEach
    void emptyCalendarByDefault() {
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[]")));
    }

    @Test
    void answersTheCalendarsSlotsAndSendsOnlyWhatTheContractNeeds() throws Exception {
        stubDay(day, ok("[\"09:00\",\"09:15\",\"13:30\"]"));

        JsonNode result = onlyResult(webhook(VapiPayloads.toolCall("call_1", "check_availability", dateArgument())));

        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.get("slots")).extracting(JsonNode::asText).containsExactly("09:00", "09:15", "13:30");
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/availabilities"))
                .withQueryParam("providerId", equalTo("2"))
                .withQueryParam("serviceId", equalTo("1"))
                .withQueryParam("date", equalTo(day.toString()))
                .withHeader("Authorization", equalTo("Bearer ea-test-token"))
                .withHeader("x-vapi-secret", absent())
                .withHeader("Cookie", absent()));
    }

    @Test
    void neverReplaysTheCalendarsSessionCookie() {
        stubDay(day, ok("[\"10:00\"]"));

        webhook(VapiPayloads.toolCall("call_1", "check_availability", dateArgument()));
        webhook(VapiPayloads.toolCall("call_2", "check_availability", dateArgument()));

        calendar.verify(2, getRequestedFor(urlPathEqualTo(API + "/availabilities")).withHeader("Cookie", absent()));
    }

    @Test
    void aFullDayIsAnsweredWithTheNextDaysThatHaveFreeTimes() throws Exception {
        stubDay(day, ok("[]"));
        stubDay(day.plusDays(1), ok("[]"));
        stubDay(day.plusDays(2), ok("[\"11:00\",\"11:30\"]"));
        stubDay(day.plusDays(3), ok("[\"09:30\"]"));
        stubDay(day.plusDays(4), ok("[\"09:00\"]"));

        JsonNode result = onlyResult(webhook(VapiPayloads.toolCall("call_1", "check_availability", dateArgument())));

        assertThat(result.get("slots")).isEmpty();
        assertThat(result.get("next_available")).hasSize(2);
        assertThat(result.at("/next_available/0/date").asText()).isEqualTo(day.plusDays(2).toString());
        assertThat(result.at("/next_available/0/slots/0").asText()).isEqualTo("11:00");
        assertThat(result.at("/next_available/1/date").asText()).isEqualTo(day.plusDays(3).toString());
        assertThat(result.get("message").asText()).startsWith("I have nothing free on").contains("from 11:00");
        calendar.verify(0, getRequestedFor(urlPathEqualTo(API + "/availabilities"))
                .withQueryParam("date", equalTo(day.plusDays(4).toString())));
    }

    @Test
    void theLookAheadStopsAfterItsBoundedNumberOfDays() throws Exception {
        JsonNode result = onlyResult(webhook(VapiPayloads.toolCall("call_1", "check_availability", dateArgument())));

        assertThat(result.get("message").asText()).contains("or in the 7 days after it");
        calendar.verify(8, getRequestedFor(urlPathEqualTo(API + "/availabilities")));
    }

    static Stream<Arguments> calendarFailures() {
        return Stream.of(
                Arguments.of("500 with a raw PHP message", failure("The provided provider ID was not found in the database: 2")),
                Arguments.of("401 as HTML", unauthorized()),
                Arguments.of("404 with an empty body", notFound()),
                Arguments.of("200 that is not JSON", ok("<html><body>Maintenance</body></html>")),
                Arguments.of("200 JSON that is not a slot list", ok("{\"success\":true}")),
                Arguments.of("200 with malformed times", ok("[\"9am\"]")),
                Arguments.of("connection reset", WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                Arguments.of("empty response", WireMock.aResponse().withFault(Fault.EMPTY_RESPONSE)),
                Arguments.of("garbage on the wire", WireMock.aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calendarFailures")
    void everyCalendarFailureIsASpeakableErrorWithA200(String failure, ResponseDefinitionBuilder answer) throws Exception {
        stubDay(day, answer);

        HttpResponse<String> response = webhook(VapiPayloads.toolCall("call_9", "check_availability", dateArgument()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode call = JSON.readTree(response.body()).at("/results/0");
        assertThat(call.get("toolCallId").asText()).isEqualTo("call_9");
        assertThat(call.get("error").asText()).isEqualTo(UNREACHABLE);
        assertThat(response.body()).doesNotContain("provider ID", "Maintenance", "Exception", "authorized");
    }

    @Test
    void aReadPastTheTimeoutIsSaidToBeSlow() throws Exception {
        stubDay(day, ok("[\"09:00\"]").withFixedDelay(4_000));

        HttpResponse<String> response = webhook(VapiPayloads.toolCall("call_8", "check_availability", dateArgument()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/results/0/error").asText()).isEqualTo(CalendarSlowException.SENTENCE);
    }

    @Test
    void aFailureOnALaterDayOfTheLookAheadIsStillSpeakable() throws Exception {
        stubDay(day, ok("[]"));
        stubDay(day.plusDays(1), failure("SQLSTATE[HY000] [2002] Connection refused"));

        HttpResponse<String> response = webhook(VapiPayloads.toolCall("call_3", "check_availability", dateArgument()));

        assertThat(JSON.readTree(response.body()).at("/results/0/error").asText()).isEqualTo(UNREACHABLE);
    }

    @Test
    void theFunctionCallShapeGetsTheSameFieldsAsAnObject() throws Exception {
        stubDay(day, ok("[\"15:00\"]"));

        HttpResponse<String> response = webhook(VapiPayloads.functionCall("check_availability", dateArgument()));

        JsonNode result = JSON.readTree(response.body()).get("result");
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.at("/slots/0").asText()).isEqualTo("15:00");
    }

    private void stubDay(LocalDate date, ResponseDefinitionBuilder answer) {
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities"))
                .withQueryParam("date", equalTo(date.toString()))
                .willReturn(answer));
    }

    private String dateArgument() {
        return "{\"date\":\"" + day + "\"}";
    }

    private static JsonNode onlyResult(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body()).get("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).has("error")).as(response.body()).isFalse();
        return JSON.readTree(results.get(0).get("result").asText());
    }
}

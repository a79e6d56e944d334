package io.github.vapireceptionist.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.failure;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.json;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.calendar.CalendarSlowException;
import io.github.vapireceptionist.booking.BookingSteps;
import io.github.vapireceptionist.calendar.CalendarUnavailableException;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * What a caller hears when Easy!Appointments is slow, flaky or down, against a stand-in that answers
 * as the contract says. Budgets are short here (1 s, 1.5 s) and the read timeout long (5 s), so it is
 * the budget that cuts a slow calendar off; the calendar's breaker opens after 4 calls, half of them failed.
 */
@TestPropertySource(properties = {
    "easyappointments.api-token=ea-test-token",
    "easyappointments.read-timeout-ms=5000",
    "resilience.budget.check-availability-ms=1000",
    "resilience.budget.book-appointment-ms=1500",
    "resilience.circuit-breaker.calendar.window=4",
    "resilience.circuit-breaker.calendar.minimum-calls=4",
    "resilience.circuit-breaker.calendar.open-seconds=1",
    "resilience.circuit-breaker.calendar.half-open-calls=2"
})
class CalendarResilienceContractTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far longer than any budget: a caller who waited for it would have heard silence. */
    private static final int HANGS_MS = 8_000;

    @DynamicPropertySource
    static void calendarUrl(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", calendar::baseUrl);
    }

    @Autowired
    BookingReplays replays;

    @Autowired
    @Qualifier("calendarCircuitBreaker")
    CircuitBreaker calendarBreaker;

    private final LocalDate day = nextWeekday();

    @BeforeEach
    void aHealthyCalendarWithTheSlotFree() {
        replays.clear();
        EasyAppointmentsStubs.aCalendarThatBooks(calendar, appointment());
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[\"10:00\",\"10:30\"]")));
    }

    @Test
    void aCalendarThatHangsIsCutOffAtTheBudgetWithASpeakableAnswer() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[\"10:00\"]").withFixedDelay(HANGS_MS)));

        long started = System.nanoTime();
        String error = error(checkAvailability("tc-slow"));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(error).isEqualTo(CalendarSlowException.SENTENCE);
        assertThat(waited).as("answered before the calendar did").isLessThan(Duration.ofMillis(HANGS_MS - 2_000));
        calendar.verify(1, getRequestedFor(urlPathEqualTo(API + "/availabilities")));
    }

    @Test
    void theLookAheadStopsWhenTheBudgetIsSpent() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[]").withFixedDelay(400)));

        assertThat(error(checkAvailability("tc-look-ahead"))).isEqualTo(CalendarSlowException.SENTENCE);
        assertThat(calendar.findAll(getRequestedFor(urlPathEqualTo(API + "/availabilities"))))
                .as("days asked before the budget ran out: at most three 400 ms rounds in 1 s (the day, then two days at a time; "
                        + "the whole look-ahead would ask 8)").hasSizeBetween(1, 5);
    }

    @Test
    void aBookingWhoseBudgetRunsOutBeforeWritingWritesNothing() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[\"10:00\"]").withFixedDelay(HANGS_MS)));

        assertThat(error(book("tc-nothing-written"))).isEqualTo(CalendarSlowException.SENTENCE);
        calendar.verify(0, postRequestedFor(anyUrl()));
        calendar.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void aWriteThatHasStartedIsNeverCutShortAndIsReadBack() throws Exception {
        calendar.stubFor(post(urlPathEqualTo(API + "/appointments")).willReturn(json(201, appointment()).withFixedDelay(2_500)));

        JsonNode result = result(book("tc-slow-write"));

        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.get("appointment_id").asInt()).isEqualTo(41);
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", absent()));
        calendar.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void aReadIsRetriedOnceWhenTheConnectionIsReset() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("reset once"));
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).inScenario("reset").whenScenarioStateIs("reset once")
                .willReturn(ok("[\"10:00\"]")));

        JsonNode result = result(checkAvailability("tc-retry"));

        assertThat(result.at("/slots/0").asText()).isEqualTo("10:00");
        calendar.verify(2, getRequestedFor(urlPathEqualTo(API + "/availabilities")));
    }

    @Test
    void aReadIsRetriedOnlyOnce() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(error(checkAvailability("tc-retry-once"))).isEqualTo(CalendarUnavailableException.SENTENCE);
        calendar.verify(2, getRequestedFor(urlPathEqualTo(API + "/availabilities")));
    }

    @Test
    void aBookingIsNeverPostedTwice() throws Exception {
        calendar.stubFor(post(urlPathEqualTo(API + "/appointments")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        // the reset left its outcome unknown: the day read back shows no appointment of ours, so nothing was booked
        assertThat(error(book("tc-post-once"))).isEqualTo(BookingSteps.NOTHING_BOOKED);
        calendar.verify(1, postRequestedFor(urlPathEqualTo(API + "/appointments")));
    }

    @Test
    void theBreakerOpensOnAFailingCalendarAnswersAtOnceAndClosesWhenItIsBack() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(failure("SQLSTATE[HY000] [2002] Connection refused")));
        for (int i = 0; i < 4; i++) {
            assertThat(error(checkAvailability("tc-failing-" + i))).isEqualTo(CalendarUnavailableException.SENTENCE);
        }
        assertThat(calendarBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThat(error(checkAvailability("tc-while-open"))).isEqualTo(CalendarUnavailableException.SENTENCE);
        calendar.verify(4, getRequestedFor(urlPathEqualTo(API + "/availabilities")));

        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[\"10:00\"]")));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(
                () -> assertThat(answer(checkAvailability("tc-probe")).has("result")).isTrue());
        result(checkAvailability("tc-second-half-open-call"));
        assertThat(calendarBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private HttpResponse<String> checkAvailability(String toolCallId) {
        return webhook(VapiPayloads.toolCall(toolCallId, "check_availability", "{\"date\":\"" + day + "\"}"));
    }

    private HttpResponse<String> book(String toolCallId) {
        return webhook(VapiPayloads.toolCall(toolCallId, "book_appointment", "{\"date\":\"" + day + "\",\"time\":\"10:00\","
                + "\"first_name\":\"Zoë\",\"last_name\":\"Ng\",\"email\":\"zoe@example.com\",\"phone\":\"07123 456789\"}"));
    }

    private static JsonNode answer(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).at("/results/0");
    }

    private static JsonNode result(HttpResponse<String> response) throws Exception {
        JsonNode call = answer(response);
        assertThat(call.has("error")).as(response.body()).isFalse();
        return JSON.readTree(call.get("result").asText());
    }

    private static String error(HttpResponse<String> response) throws Exception {
        JsonNode call = answer(response);
        assertThat(call.has("error")).as(response.body()).isTrue();
        return call.get("error").asText();
    }

    private String appointment() {
        return EasyAppointmentsStubs.appointment(41, day + " 10:00:00", day + " 10:30:00", 57, null);
    }

    private static LocalDate nextWeekday() {
        return Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));
    }
}

package io.github.vapireceptionist.booking;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.failure;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.json;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** book_appointment against a stand-in that answers exactly as Easy!Appointments 1.5.2 does. */
@TestPropertySource(properties = "easyappointments.api-token=ea-test-token")
class BookAppointmentContractTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNREACHABLE = "I can't reach the booking calendar right now. Please try again in a moment.";

    @DynamicPropertySource
    static void calendarUrl(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", calendar::baseUrl);
    }

    @Autowired
    BookingReplays replays;

    private final LocalDate day = nextWeekday();

    @BeforeEach
    void aCalendarWithTheSlotFree() {
        replays.clear();
        calendar.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(ok(EasyAppointmentsStubs.service())));
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[\"09:30\",\"10:00\",\"10:30\",\"11:00\"]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[]")));
        calendar.stubFor(post(urlPathEqualTo(API + "/customers")).willReturn(json(201, customer(57, "zoe@example.com"))));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", absent())
                .willReturn(ok("[" + appointment(41, "10:00:00", "10:30:00", 57) + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[]")));
        calendar.stubFor(post(urlPathEqualTo(API + "/appointments")).willReturn(json(201, appointment(41, "10:00:00", "10:30:00", 57))));
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/41")).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void booksANewCustomerWithTheContractsExactShapes() throws Exception {
        JsonNode result = bookingResult(book("tc-1", "10:00", "Zoe@Example.com"));

        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.get("appointment_id").asInt()).isEqualTo(41);
        assertThat(result.get("confirmation_sent").asBoolean()).isFalse();
        assertThat(result.get("message").asText()).contains("10:00").contains("41");
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/customers"))
                .withQueryParam("q", equalTo("zoe@example.com"))
                .withQueryParam("sort", equalTo("id"))
                .withHeader("Authorization", equalTo("Bearer ea-test-token")));
        calendar.verify(postRequestedFor(urlPathEqualTo(API + "/customers"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.email", equalTo("zoe@example.com")))
                .withRequestBody(matchingJsonPath("$.phone", equalTo("+447123456789")))
                .withRequestBody(matchingJsonPath("$.firstName", equalTo("Zoë"))));
        calendar.verify(postRequestedFor(urlPathEqualTo(API + "/appointments"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.start", equalTo(day + " 10:00:00")))
                .withRequestBody(matchingJsonPath("$.end", equalTo(day + " 10:30:00")))
                .withRequestBody(matchingJsonPath("$.customerId", equalTo("57")))
                .withRequestBody(matchingJsonPath("$.providerId", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.serviceId", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.notes", matching("Booked by phone \\(Vapi call 019aa9bb-test-call\\) \\[tool call tc-1 #[0-9a-z]{6}]"))));
        calendar.verify(0, deleteRequestedFor(anyUrl()));
        calendar.verify(0, anyRequestedFor(anyUrl()).withHeader("x-vapi-secret", com.github.tomakehurst.wiremock.client.WireMock.matching(".*")));
    }

    @Test
    void findsTheCustomerOnTheSecondPageWhateverTheCase() throws Exception {
        String fullPage = IntStream.range(0, 100).mapToObj(i -> customer(100 + i, "xzoe" + i + "@example.com"))
                .collect(Collectors.joining(",", "[", "]"));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).withQueryParam("page", equalTo("1")).willReturn(ok(fullPage)));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).withQueryParam("page", equalTo("2"))
                .willReturn(ok("[" + customer(57, "ZOE@example.com") + "]")));

        JsonNode result = bookingResult(book("tc-2", "10:00", "zoe@example.com"));

        assertThat(result.get("appointment_id").asInt()).isEqualTo(41);
        calendar.verify(0, postRequestedFor(urlPathEqualTo(API + "/customers")));
        calendar.verify(postRequestedFor(urlPathEqualTo(API + "/appointments")).withRequestBody(matchingJsonPath("$.customerId", equalTo("57"))));
    }

    @Test
    void aCustomerCreatedConcurrentlyIsLookedUpAgainAndUsed() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).inScenario("race").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("[]")));
        calendar.stubFor(post(urlPathEqualTo(API + "/customers")).inScenario("race").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(failure("The provided email address is already in use, please use a different one."))
                .willSetStateTo("created elsewhere"));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).inScenario("race").whenScenarioStateIs("created elsewhere")
                .willReturn(ok("[" + customer(57, "zoe@example.com") + "]")));

        JsonNode result = bookingResult(book("tc-3", "10:00", "zoe@example.com"));

        assertThat(result.get("appointment_id").asInt()).isEqualTo(41);
        calendar.verify(2, getRequestedFor(urlPathEqualTo(API + "/customers")));
        calendar.verify(1, postRequestedFor(urlPathEqualTo(API + "/appointments")));
    }

    @Test
    void aTimeTheCalendarDoesNotOfferIsAnsweredWithTheNearestFreeTimes() throws Exception {
        HttpResponse<String> response = book("tc-4", "12:00", "zoe@example.com");

        assertThat(error(response)).isEqualTo(
                "That time isn't free. The nearest free times that day are 10:00, 10:30 and 11:00. Would one of those suit you?");
        calendar.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void losingTheRaceWithdrawsOursAndOffersWhatIsFreeNow() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", absent())
                .willReturn(ok("[" + appointment(40, "10:00:00", "10:30:00", 99) + "," + appointment(41, "10:00:00", "10:30:00", 57) + "]")));

        HttpResponse<String> response = book("tc-5", "10:00", "zoe@example.com");

        assertThat(error(response)).startsWith("That time was just taken. The nearest free times that day are");
        calendar.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/41")));
        calendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/appointments/40")));
    }

    @Test
    void aDayThatCannotBeReadBackIsNotABooking() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", absent())
                .willReturn(failure("SQLSTATE[HY000]: General error")));

        HttpResponse<String> first = book("tc-6", "10:00", "zoe@example.com");
        HttpResponse<String> again = book("tc-6", "10:00", "zoe@example.com");

        assertThat(error(first)).startsWith("I couldn't confirm that booking with the calendar just now, so I'm withdrawing it: you won't have an appointment at that time.");
        calendar.verify(2, deleteRequestedFor(urlPathEqualTo(API + "/appointments/41")));
        assertThat(error(again)).as("a transient failure is not replayed: the retry tried again").startsWith("I couldn't confirm");
        calendar.verify(2, postRequestedFor(urlPathEqualTo(API + "/appointments")));
    }

    @Test
    void theSameToolCallTwiceBooksOnce() throws Exception {
        JsonNode first = bookingResult(book("tc-7", "10:00", "zoe@example.com"));
        JsonNode second = bookingResult(book("tc-7", "10:00", "zoe@example.com"));

        assertThat(second).isEqualTo(first);
        calendar.verify(1, postRequestedFor(urlPathEqualTo(API + "/appointments")));
    }

    @Test
    void theSamePersonAskingAgainGetsTheirExistingAppointment() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[" + customer(57, "zoe@example.com") + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[" + appointment(41, "10:00:00", "10:30:00", 57) + "]")));

        JsonNode result = bookingResult(book("a-new-tool-call-id", "10:00", "zoe@example.com"));

        assertThat(result.get("appointment_id").asInt()).isEqualTo(41);
        assertThat(result.get("already_booked").asBoolean()).isTrue();
        calendar.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void calendarFailuresAreSpeakableAndStopBeforeAnythingIsWritten() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(unauthorized()));

        HttpResponse<String> refused = book("tc-8", "10:00", "zoe@example.com");

        assertThat(error(refused)).isEqualTo(UNREACHABLE);
        calendar.verify(0, postRequestedFor(anyUrl()));

        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[]")));
        calendar.stubFor(post(urlPathEqualTo(API + "/appointments")).willReturn(failure("The appointment start date time is invalid.")));

        HttpResponse<String> failed = book("tc-9", "10:00", "zoe@example.com");

        assertThat(error(failed)).isEqualTo(UNREACHABLE);
        assertThat(failed.body()).doesNotContain("start date time");
    }

    private HttpResponse<String> book(String toolCallId, String time, String email) {
        return webhook(VapiPayloads.toolCall(toolCallId, "book_appointment", "{\"date\":\"" + day + "\",\"time\":\"" + time
                + "\",\"first_name\":\"Zoë\",\"last_name\":\"Ng\",\"email\":\"" + email + "\",\"phone\":\"07123 456789\"}"));
    }

    private static JsonNode bookingResult(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode call = JSON.readTree(response.body()).at("/results/0");
        assertThat(call.has("error")).as(response.body()).isFalse();
        return JSON.readTree(call.get("result").asText());
    }

    private static String error(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).at("/results/0/error").asText();
    }

    private static String customer(int id, String email) {
        return EasyAppointmentsStubs.customer(id, email, "+447123456789");
    }

    private String appointment(int id, String start, String end, int customerId) {
        return EasyAppointmentsStubs.appointment(id, day + " " + start, day + " " + end, customerId, null);
    }

    private static LocalDate nextWeekday() {
        return Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));
    }
}

package io.github.vapireceptionist.selfservice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.failure;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.json;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.notFound;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * find_appointment, cancel_appointment and reschedule_appointment against a stand-in that answers
 * exactly as Easy!Appointments 1.5.2 does: customers only through ?q= (a substring search that needs
 * sort), appointments filtered by customerId/from/till, 204 on delete and 404 once gone, 500 JSON on
 * any failure, no conflict check on insert.
 */
@TestPropertySource(properties = "easyappointments.api-token=ea-test-token")
class SelfServiceContractTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String ZOE = "+447123456789";
    private static final String UNREACHABLE = "I can't reach the booking calendar right now. Please try again in a moment.";

    @DynamicPropertySource
    static void calendarUrl(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", calendar::baseUrl);
    }

    @Autowired
    BookingReplays replays;

    @Autowired
    CallerAttempts attempts;


    private final LocalDate day = nextWeekday();
    private final LocalDate today = LocalDate.now(LONDON);

    @BeforeEach
    void zoeHasOneAppointmentAtTen() {
        replays.clear();
        attempts.clear();
        calendar.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(ok(EasyAppointmentsStubs.service())));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[]")));
        // stored the way a person typed it into the calendar's booking page
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).withQueryParam("q", equalTo("7123456789"))
                .willReturn(ok("[" + customer(57, "zoe@example.com", "07123456789") + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).withQueryParam("q", equalTo("zoe@example.com"))
                .willReturn(ok("[" + customer(57, "Zoe@Example.com", "07123456789") + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[" + appointment(41, day + " 10:00:00", day + " 10:30:00", 57, null) + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[\"09:30\",\"10:30\",\"16:00\",\"16:30\"]")));
        calendar.stubFor(post(urlPathEqualTo(API + "/appointments"))
                .willReturn(json(201, appointment(52, day + " 16:00:00", day + " 16:30:00", 57, null))));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", absent())
                .willReturn(ok("[" + appointment(52, day + " 16:00:00", day + " 16:30:00", 57, null) + "]")));
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/41")).willReturn(aResponse().withStatus(204)));
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/52")).willReturn(aResponse().withStatus(204)));
    }

    // --- find ---------------------------------------------------------------------------------

    @Test
    void findsTheCallersAppointmentsWithTheContractsQueries() throws Exception {
        JsonNode found = toolResult(call(ZOE, "f-1", "find_appointment", "{}"));

        assertThat(found.get("appointments").get(0).get("reference").asText()).isEqualTo("41");
        assertThat(found.get("message").asText()).contains("at 10:00, reference 41");
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/customers"))
                .withQueryParam("q", equalTo("7123456789"))
                .withQueryParam("sort", equalTo("id"))
                .withQueryParam("email", absent())
                .withHeader("Authorization", equalTo("Bearer ea-test-token")));
        // found by the first form of the number: the others are not asked for (the calendar rate-limits per address)
        calendar.verify(1, getRequestedFor(urlPathEqualTo(API + "/customers")));
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/appointments"))
                .withQueryParam("customerId", equalTo("57"))
                // the customer's appointments with every provider: the line's people are picked out by the backend
                .withQueryParam("providerId", absent())
                .withQueryParam("from", equalTo(today.toString()))
                .withQueryParam("till", equalTo(today.plusDays(90).toString()))
                .withQueryParam("sort", equalTo("id")));
    }

    @Test
    void aNumberStoredWithSpacesIsFoundByItsNationalOrInternationalForm() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).withQueryParam("q", equalTo("7123456789")).willReturn(ok("[]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).withQueryParam("q", equalTo("+44 7123 456789"))
                .willReturn(ok("[" + customer(57, "zoe@example.com", "+44 7123 456789") + "]")));

        JsonNode found = toolResult(call(ZOE, "f-7", "find_appointment", "{}"));

        assertThat(found.get("appointments")).hasSize(1);
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/customers")).withQueryParam("q", equalTo("07123 456789")));
        calendar.verify(3, getRequestedFor(urlPathEqualTo(API + "/customers")));
    }

    @Test
    void aSubstringHitWithAnotherNumberIsSomeoneElse() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).withQueryParam("q", equalTo("7123456789"))
                .willReturn(ok("[" + customer(58, "ann@example.com", "+4471234567890") + "," + customer(59, "al@example.com", "+17123456789") + "]")));

        assertThat(toolError(call(ZOE, "f-2", "find_appointment", "{}")))
                .isEqualTo("I can't find a booking for this number; what email did you book with?");
        calendar.verify(0, getRequestedFor(urlPathEqualTo(API + "/appointments")));
    }

    @Test
    void anEmailIdentifiesOnlyWithTheCallersNumberUnlessTheCalendarHasNoPhone() throws Exception {
        String someoneElse = "+447911123456";
        String withTheirEmail = toolError(call(someoneElse, "f-3", "find_appointment", "{\"email\":\"zoe@example.com\"}"));
        String withAnUnknownEmail = toolError(call(someoneElse, "f-4", "find_appointment", "{\"email\":\"nobody@example.com\"}"));

        assertThat(withTheirEmail).isEqualTo(withAnUnknownEmail).doesNotContain("Zo", "10:00");
        calendar.verify(0, getRequestedFor(urlPathEqualTo(API + "/appointments")));

        // a calendar with require_phone_number off: the email alone is the identity, even on a withheld number
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).withQueryParam("q", equalTo("zoe@example.com"))
                .willReturn(ok("[" + customer(57, "zoe@example.com", "") + "]")));
        JsonNode found = toolResult(call(null, "f-5", "find_appointment", "{\"email\":\"ZOE@example.com\"}"));
        assertThat(found.get("appointments")).hasSize(1);
    }

    @Test
    void theCalendarRefusingUsIsSpeakable() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(unauthorized()));

        assertThat(toolError(call(ZOE, "f-6", "find_appointment", "{}"))).isEqualTo(UNREACHABLE);
    }

    // --- cancel -------------------------------------------------------------------------------

    @Test
    void cancellingDeletesTheAppointmentOnceAndAnswersTheSameTwice() throws Exception {
        String confirm = "{\"appointment_ref\":\"41\",\"confirm\":true}";
        JsonNode first = toolResult(call(ZOE, "c-1", "cancel_appointment", confirm));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57")).willReturn(ok("[]")));
        JsonNode second = toolResult(call(ZOE, "c-2", "cancel_appointment", confirm));

        assertThat(first.get("changed").asBoolean()).isTrue();
        assertThat(second).isEqualTo(first);
        calendar.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/41")));
        // a Cancelled status would keep blocking the slot: the appointment is deleted, never updated
        calendar.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void withoutConfirmNothingIsDeleted() throws Exception {
        JsonNode proposal = toolResult(call(ZOE, "c-3", "cancel_appointment", "{\"appointment_ref\":41}"));

        assertThat(proposal.get("changed").asBoolean()).isFalse();
        assertThat(proposal.get("message").asText()).endsWith("Shall I cancel it?");
        calendar.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void anAppointmentAlreadyGoneCountsAsCancelled() throws Exception {
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/41")).willReturn(notFound()));

        JsonNode cancelled = toolResult(call(ZOE, "c-4", "cancel_appointment", "{\"appointment_ref\":\"41\",\"confirm\":true}"));

        assertThat(cancelled.get("message").asText()).endsWith(", is cancelled.");
    }

    @Test
    void aFailedDeleteIsSpeakableAndTriedAgainNextTime() throws Exception {
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/41")).willReturn(failure("SQLSTATE[HY000]: General error")));

        String confirm = "{\"appointment_ref\":\"41\",\"confirm\":true}";
        assertThat(toolError(call(ZOE, "c-5", "cancel_appointment", confirm))).isEqualTo(UNREACHABLE);
        assertThat(toolError(call(ZOE, "c-5", "cancel_appointment", confirm))).isEqualTo(UNREACHABLE);
        calendar.verify(2, deleteRequestedFor(urlPathEqualTo(API + "/appointments/41")));
    }

    @Test
    void anAppointmentThatHasPassedCannotBeCancelled() throws Exception {
        LocalDateTime earlier = LocalDateTime.now(LONDON).minusMinutes(5);
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[" + appointment(40, format(earlier), format(earlier.plusMinutes(30)), 57, null) + "]")));

        assertThat(toolError(call(ZOE, "c-6", "cancel_appointment", "{\"appointment_ref\":\"40\",\"confirm\":true}")))
                .endsWith("has already passed, so I can't change it.");
        calendar.verify(0, deleteRequestedFor(anyUrl()));
    }

    // --- reschedule ---------------------------------------------------------------------------

    @Test
    void aMoveBooksTheNewTimeForTheSameCustomerThenReleasesTheOldOne() throws Exception {
        JsonNode moved = toolResult(call(ZOE, "r-1", "reschedule_appointment", move("16:00")));

        assertThat(moved.get("appointment").get("reference").asText()).isEqualTo("52");
        assertThat(moved.get("previous_reference").asText()).isEqualTo("41");
        calendar.verify(postRequestedFor(urlPathEqualTo(API + "/appointments"))
                .withRequestBody(matchingJsonPath("$.start", equalTo(day + " 16:00:00")))
                .withRequestBody(matchingJsonPath("$.end", equalTo(day + " 16:30:00")))
                .withRequestBody(matchingJsonPath("$.customerId", equalTo("57")))
                .withRequestBody(matchingJsonPath("$.notes", com.github.tomakehurst.wiremock.client.WireMock.containing("[tool call r-1 #"))));
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/appointments")).withQueryParam("date", equalTo(day.toString()))
                .withQueryParam("customerId", absent()));
        calendar.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/41")));
        calendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/appointments/52")));
    }

    @Test
    void aCalendarFailureHalfwayLeavesTheOldAppointmentUntouched() throws Exception {
        // created, but the day cannot be read back: the new one is withdrawn, the old one stays
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", absent())
                .willReturn(failure("SQLSTATE[HY000]: General error")));

        String readBackFailed = toolError(call(ZOE, "r-2", "reschedule_appointment", move("16:00")));

        assertThat(readBackFailed).contains("at 10:00, reference 41, stays as it is.");
        calendar.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/52")));
        calendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/appointments/41")));

        // the create itself fails
        calendar.stubFor(post(urlPathEqualTo(API + "/appointments")).willReturn(failure("The appointment start date time is invalid.")));

        String createFailed = toolError(call(ZOE, "r-3", "reschedule_appointment", move("16:00")));

        assertThat(createFailed).startsWith("I couldn't reach the calendar to move it.").contains("stays as it is.")
                .doesNotContain("start date time");
        calendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/appointments/41")));
    }

    @Test
    void losingTheRaceKeepsTheOldAppointmentAndOffersWhatIsFree() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", absent())
                .willReturn(ok("[" + appointment(50, day + " 16:00:00", day + " 16:30:00", 99, null) + ","
                        + appointment(52, day + " 16:00:00", day + " 16:30:00", 57, null) + "]")));

        String lost = toolError(call(ZOE, "r-4", "reschedule_appointment", move("16:00")));

        assertThat(lost).contains("reference 41, stays as it is. That time was just taken.");
        calendar.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/52")));
        calendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/appointments/41")));
    }

    @Test
    void anOldAppointmentThatCannotBeReleasedIsSaidAndBothStand() throws Exception {
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/41")).willReturn(failure("SQLSTATE[HY000]: General error")));

        JsonNode moved = toolResult(call(ZOE, "r-5", "reschedule_appointment", move("16:00")));

        assertThat(moved.get("appointment").get("reference").asText()).isEqualTo("52");
        assertThat(moved.get("message").asText()).contains("Your new reference is 52.")
                .contains("Your old appointment on ").contains("reference 41, is still in the calendar");
        calendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/appointments/52")));
    }

    @Test
    void aTimeNotOfferedChangesNothing() throws Exception {
        String refused = toolError(call(ZOE, "r-6", "reschedule_appointment", move("12:00")));

        assertThat(refused).contains("stays as it is. That time isn't free.");
        calendar.verify(0, postRequestedFor(anyUrl()));
        calendar.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void aRetriedToolCallFindsItsOwnMoveInTheCalendar() throws Exception {
        // as after a restart: the memory is empty, but the calendar shows the move this tool call made
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[" + appointment(41, day + " 10:00:00", day + " 10:30:00", 57, null) + ","
                        + appointment(52, day + " 16:00:00", day + " 16:30:00", 57, "Booked by phone [tool call r-7]") + "]")));

        JsonNode moved = toolResult(call(ZOE, "r-7", "reschedule_appointment", move("16:00")));

        assertThat(moved.get("appointment").get("reference").asText()).isEqualTo("52");
        calendar.verify(0, postRequestedFor(anyUrl()));
        calendar.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/41")));
    }

    // --- helpers ------------------------------------------------------------------------------

    private String move(String time) {
        return "{\"appointment_ref\":\"41\",\"date\":\"" + day + "\",\"time\":\"" + time + "\"}";
    }

    private HttpResponse<String> call(String number, String toolCallId, String function, String arguments) {
        HttpResponse<String> response = webhook(VapiPayloads.toolCallFrom(number, toolCallId, function, arguments));
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static String customer(int id, String email, String phone) {
        return EasyAppointmentsStubs.customer(id, email, phone);
    }

    private static String appointment(int id, String start, String end, int customerId, String notes) {
        return EasyAppointmentsStubs.appointment(id, start, end, customerId, notes);
    }

    private static String format(LocalDateTime time) {
        return time.withNano(0).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    private static LocalDate nextWeekday() {
        return Weekdays.onOrAfter(LocalDate.now(LONDON).plusDays(2));
    }
}

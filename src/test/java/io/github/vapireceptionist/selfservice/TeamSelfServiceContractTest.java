package io.github.vapireceptionist.selfservice;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.appointment;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.created;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.customer;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.day;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.slots;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.json;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.salonProviders;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.salonServices;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.availability.SpokenDates;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * find, cancel and reschedule of appointments with the salon's people (EasyAppointmentsStubs: Jane Doe 2, María López 32,
 * Maria Chen 33, Sam Reed 40 in New York; Cut 1, Full colour 7 of 90 minutes) against a stand-in answering as
 * Easy!Appointments 1.5.2: one GET /appointments?customerId per customer record, across providers; the service and the
 * person named; a move keeping them, their length and zone, or going to the person asked for.
 */
@TestPropertySource(properties = "easyappointments.api-token=ea-test-token")
class TeamSelfServiceContractTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final String ZOE = "+447123456789";
    /** A Monday in winter: London on UTC, New York five hours behind. */
    private static final LocalDate MONDAY = LocalDate.now(ZoneId.of("Europe/London")).plusDays(7)
            .with(TemporalAdjusters.next(DayOfWeek.MONDAY));

    @DynamicPropertySource
    static void calendarUrl(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", () -> calendar.baseUrl() + "/");
    }

    @Autowired
    BookingReplays replays;

    @Autowired
    CallerAttempts attempts;

    /** Zoë's appointments: a cut with Jane (the line's own), a colour with María, a cut with Sam in New York, one elsewhere. */
    @BeforeEach
    void zoeHasAppointmentsWithSeveralPeople() {
        replays.clear();
        attempts.clear();
        calendar.stubFor(get(urlPathEqualTo(API + "/services")).willReturn(ok(salonServices())));
        calendar.stubFor(get(urlPathEqualTo(API + "/providers")).willReturn(ok(salonProviders())));
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).withQueryParam("q", equalTo("7123456789"))
                .willReturn(ok("[" + customer(57, "zoe@example.com", "07123456789") + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[" + appointment(41, 2, 1, MONDAY + " 10:00:00", MONDAY + " 10:30:00", 57) + ","
                        + appointment(44, 32, 7, MONDAY + " 11:00:00", MONDAY + " 12:30:00", 57) + ","
                        + appointment(43, 40, 1, MONDAY + " 09:00:00", MONDAY + " 09:30:00", 57) + ","
                        + appointment(45, 99, 1, MONDAY + " 15:00:00", MONDAY + " 15:30:00", 57) + "]")));
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/43")).willReturn(aResponse().withStatus(204)));
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/44")).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void findNamesTheServiceAndPersonOfEachAppointmentNotOfTheLinesOwnInTheBusinessesTime() throws Exception {
        JsonNode found = toolResult(call("f-1", "find_appointment", "{}"));

        String day = SpokenDates.day(MONDAY);
        assertThat(found.get("message").asText()).isEqualTo("You have 3 upcoming appointments: " + day + " at 10:00, reference 41; "
                + "Full colour with María López on " + day + " at 11:00, reference 44; "
                + "Cut with Sam Reed on " + day + " at 14:00, reference 43.");
        assertThat(found.get("appointments")).extracting(JsonNode::toString).containsExactly(
                "{\"reference\":\"41\",\"date\":\"" + MONDAY + "\",\"time\":\"10:00\"}",
                "{\"reference\":\"44\",\"date\":\"" + MONDAY + "\",\"time\":\"11:00\",\"service\":\"Full colour\",\"provider\":\"María López\"}",
                "{\"reference\":\"43\",\"date\":\"" + MONDAY + "\",\"time\":\"14:00\",\"service\":\"Cut\",\"provider\":\"Sam Reed\"}");
        // one list per customer record, every provider at once: no providerId
        calendar.verify(1, getRequestedFor(urlPathEqualTo(API + "/appointments")));
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/appointments"))
                .withQueryParam("customerId", equalTo("57")).withQueryParam("providerId", absent()));
    }

    @Test
    void cancellingAnAppointmentWithAnotherPersonNamesThemAndDeletesIt() throws Exception {
        String day = SpokenDates.day(MONDAY);
        JsonNode asked = toolResult(call("c-1", "cancel_appointment", "{\"appointment_ref\":\"44\"}"));
        assertThat(asked.get("message").asText())
                .isEqualTo("Your Full colour with María López on " + day + " at 11:00, reference 44. Shall I cancel it?");
        calendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/appointments/44")));

        JsonNode cancelled;
        try (LogCapture logs = LogCapture.start()) {
            cancelled = toolResult(call("c-2", "cancel_appointment", "{\"appointment_ref\":\"44\",\"confirm\":true}"));
            assertThat(logs.text()).contains("appointment_cancelled appointment_id=44").contains("provider_id=32 service_id=7")
                    .doesNotContain("Zoë");
        }
        assertThat(cancelled.get("message").asText())
                .startsWith("Your Full colour with María López on " + day + " at 11:00, reference 44, is cancelled.");
        calendar.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/44")));
    }

    @Test
    void anAppointmentWithAPersonNotOnTheLineIsNotTheirsToChangeHere() throws Exception {
        String error = toolError(call("c-3", "cancel_appointment", "{\"appointment_ref\":\"45\",\"confirm\":true}"));

        assertThat(error).startsWith("I can't find an upcoming booking with reference 45");
        calendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/appointments/45")));
    }

    @Test
    void aMoveKeepsThePersonTheServiceItsLengthAndTheirZone() throws Exception {
        // 15:00 in London is 10:00 in New York, where Sam works
        slots(calendar, 40, 1, MONDAY, "[\"10:00\",\"10:30\"]");
        created(calendar, 40, 1, 70, MONDAY + " 10:00:00", MONDAY + " 10:30:00");
        day(calendar, 40, MONDAY, appointment(70, 40, 1, MONDAY + " 10:00:00", MONDAY + " 10:30:00", 57));

        JsonNode moved = toolResult(call("r-1", "reschedule_appointment", move(43, "15:00", "")));

        assertThat(moved.get("message").asText())
                .startsWith("Done: your Cut with Sam Reed is now on " + SpokenDates.day(MONDAY) + " at 15:00. Your new reference is 70.");
        calendar.verify(postRequestedFor(urlPathEqualTo(API + "/appointments"))
                .withRequestBody(matchingJsonPath("$.providerId", equalTo("40")))
                .withRequestBody(matchingJsonPath("$.serviceId", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.start", equalTo(MONDAY + " 10:00:00")))
                .withRequestBody(matchingJsonPath("$.end", equalTo(MONDAY + " 10:30:00"))));
        calendar.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/43")));
    }

    @Test
    void aMoveToAnotherPersonBooksThemForTheSameServiceAndLength() throws Exception {
        slots(calendar, 33, 7, MONDAY, "[\"13:00\"]");
        created(calendar, 33, 7, 71, MONDAY + " 13:00:00", MONDAY + " 14:30:00");
        day(calendar, 33, MONDAY, appointment(71, 33, 7, MONDAY + " 13:00:00", MONDAY + " 14:30:00", 57));

        JsonNode moved = toolResult(call("r-2", "reschedule_appointment", move(44, "13:00", ",\"provider\":\"Maria Chen\"")));

        assertThat(moved.get("message").asText())
                .startsWith("Done: your Full colour with Maria Chen is now on " + SpokenDates.day(MONDAY) + " at 13:00.");
        calendar.verify(postRequestedFor(urlPathEqualTo(API + "/appointments"))
                .withRequestBody(matchingJsonPath("$.providerId", equalTo("33")))
                .withRequestBody(matchingJsonPath("$.serviceId", equalTo("7")))
                .withRequestBody(matchingJsonPath("$.end", equalTo(MONDAY + " 14:30:00"))));
        calendar.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/44")));
    }

    @Test
    void aNameNobodyHasIsAnsweredWithWhoThereIsAndNothingChanges() throws Exception {
        String error = toolError(call("r-3", "reschedule_appointment", move(44, "13:00", ",\"provider\":\"Zed\"")));

        assertThat(error).isEqualTo("I don't know anyone by that name here. We have Jane, María López, Maria Chen and Sam.");
        calendar.verify(0, postRequestedFor(urlPathEqualTo(API + "/appointments")));
        calendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/appointments/44")));
    }

    private static String move(int reference, String time, String team) {
        return "{\"appointment_ref\":\"" + reference + "\",\"date\":\"" + MONDAY + "\",\"time\":\"" + time + "\"" + team + "}";
    }

    private HttpResponse<String> call(String toolCallId, String function, String arguments) {
        return webhook(VapiPayloads.toolCallFrom(ZOE, toolCallId, function, arguments));
    }
}

package io.github.vapireceptionist.booking;

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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.VapiPayloads;
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
 * book_appointment(..., service?, provider?) against a stand-in answering as Easy!Appointments 1.5.2, in the salon of
 * EasyAppointmentsStubs: the person and service booked, the service's own length, the deterministic choice among
 * anyone free, and the fall-through to the next free person when one's slot was just taken.
 */
@TestPropertySource(properties = "easyappointments.api-token=ea-test-token")
class TeamBookingContractTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Monday in winter: London on UTC, New York five hours behind. */
    private static final LocalDate MONDAY = LocalDate.now(ZoneId.of("Europe/London")).plusDays(7)
            .with(TemporalAdjusters.next(DayOfWeek.MONDAY));

    @DynamicPropertySource
    static void calendarUrl(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", () -> calendar.baseUrl() + "/");
    }

    @Autowired
    BookingReplays replays;

    @BeforeEach
    void salonWithANewCustomer() {
        replays.clear();
        calendar.stubFor(get(urlPathEqualTo(API + "/services")).willReturn(ok(salonServices())));
        calendar.stubFor(get(urlPathEqualTo(API + "/providers")).willReturn(ok(salonProviders())));
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[]")));
        calendar.stubFor(post(urlPathEqualTo(API + "/customers")).willReturn(json(201, customer(57, "zoe@example.com", "+447123456789"))));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57")).willReturn(ok("[]")));
        // María (32): 10:00 and 13:00 free; Maria Chen (33): 10:00, 11:00 and 16:00: the least booked at 10:00
        slots(calendar, 32, 7, MONDAY, "[\"10:00\",\"13:00\"]");
        slots(calendar, 33, 7, MONDAY, "[\"10:00\",\"11:00\",\"16:00\"]");
        created(calendar, 32, 7, 61, MONDAY + " 10:00:00", MONDAY + " 11:30:00");
        created(calendar, 33, 7, 62, MONDAY + " 10:00:00", MONDAY + " 11:30:00");
        day(calendar, 32, MONDAY, appointment(61, 32, 7, MONDAY + " 10:00:00", MONDAY + " 11:30:00", 57));
        day(calendar, 33, MONDAY, appointment(62, 33, 7, MONDAY + " 10:00:00", MONDAY + " 11:30:00", 57));
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/62")).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void aNamedServiceWithANamedPersonIsBookedWithThemForTheServicesLength() throws Exception {
        JsonNode result;
        try (LogCapture logs = LogCapture.start()) {
            result = booked(book("tb-1", "10:00", "\"service\":\"colour\",\"provider\":\"lopez\""));
            assertThat(logs.text()).contains("appointment_booked appointment_id=61").contains("provider_id=32 service_id=7")
                    .doesNotContain("Zoë");
        }

        assertThat(result.get("appointment_id").asInt()).isEqualTo(61);
        assertThat(result.get("message").asText())
                .isEqualTo("You're booked in for Full colour with María López on " + spokenDay() + " at 10:00, Zoë. Your reference is 61.");
        calendar.verify(postRequestedFor(urlPathEqualTo(API + "/appointments"))
                .withRequestBody(matchingJsonPath("$.providerId", equalTo("32")))
                .withRequestBody(matchingJsonPath("$.serviceId", equalTo("7")))
                .withRequestBody(matchingJsonPath("$.start", equalTo(MONDAY + " 10:00:00")))
                .withRequestBody(matchingJsonPath("$.end", equalTo(MONDAY + " 11:30:00"))));
    }

    @Test
    void anyoneIsTheLeastBookedOfThoseFreeThenTheLowestId() throws Exception {
        JsonNode result = booked(book("tb-2", "10:00", "\"service\":\"Full colour\""));

        assertThat(result.get("appointment_id").asInt()).as("Maria Chen has more free times that day").isEqualTo(62);
        calendar.verify(1, postRequestedFor(urlPathEqualTo(API + "/appointments")));
        calendar.verify(postRequestedFor(urlPathEqualTo(API + "/appointments")).withRequestBody(matchingJsonPath("$.providerId", equalTo("33"))));
    }

    @Test
    void losingTheRaceForOnePersonBooksTheNextPersonFreeThen() throws Exception {
        day(calendar, 33, MONDAY, appointment(55, 33, 7, MONDAY + " 10:00:00", MONDAY + " 11:30:00", 99) + ","
                + appointment(62, 33, 7, MONDAY + " 10:00:00", MONDAY + " 11:30:00", 57));

        JsonNode result = booked(book("tb-3", "10:00", "\"service\":\"colour\",\"provider\":\"anyone\""));

        assertThat(result.get("appointment_id").asInt()).isEqualTo(61);
        assertThat(result.get("message").asText()).contains("with María López");
        calendar.verify(deleteRequestedFor(urlPathEqualTo(API + "/appointments/62")));
        calendar.verify(postRequestedFor(urlPathEqualTo(API + "/appointments")).withRequestBody(matchingJsonPath("$.providerId", equalTo("32"))));
    }

    @Test
    void losingTheRaceForTheOnlyPersonFreeOffersTheTimesFreeNow() throws Exception {
        day(calendar, 32, MONDAY, appointment(55, 32, 7, MONDAY + " 10:00:00", MONDAY + " 11:30:00", 99) + ","
                + appointment(61, 32, 7, MONDAY + " 10:00:00", MONDAY + " 11:30:00", 57));
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/61")).willReturn(aResponse().withStatus(204)));

        String error = error(book("tb-4", "13:00", "\"service\":\"colour\",\"provider\":\"María\""));

        assertThat(error).as("two Marias offer colours: a question first").isEqualTo("Do you mean María López or Maria Chen?");
        String taken = error(book("tb-5", "10:00", "\"service\":\"colour\",\"provider\":\"María López\""));
        assertThat(taken).isEqualTo("That time was just taken. The nearest free times that day are 10:00 and 13:00. "
                + "Would one of those suit you?");
        calendar.verify(1, postRequestedFor(urlPathEqualTo(API + "/appointments")));
    }

    @Test
    void aPersonInAnotherZoneIsBookedInTheirOwnTime() throws Exception {
        slots(calendar, 40, 1, MONDAY.minusDays(1), "[]");
        slots(calendar, 40, 1, MONDAY, "[\"09:00\",\"09:30\"]");
        created(calendar, 40, 1, 70, MONDAY + " 09:00:00", MONDAY + " 09:30:00");
        day(calendar, 40, MONDAY, appointment(70, 40, 1, MONDAY + " 09:00:00", MONDAY + " 09:30:00", 57));

        JsonNode result = booked(book("tb-6", "14:00", "\"provider\":\"Sam\""));

        assertThat(result.get("appointment_id").asInt()).isEqualTo(70);
        calendar.verify(postRequestedFor(urlPathEqualTo(API + "/appointments"))
                .withRequestBody(matchingJsonPath("$.providerId", equalTo("40")))
                .withRequestBody(matchingJsonPath("$.start", equalTo(MONDAY + " 09:00:00"))));
    }


    @Test
    void theSameBookingSentTwiceAtOnceAndGivenTwoPeopleKeepsTheEarlierOne() throws Exception {
        // the other copy of this booking, sent at the same moment, was given María (61) before ours with Maria Chen (62)
        theCallersAppointmentsOnceOursIsCreated(appointment(61, 32, 7, MONDAY + " 10:00:00", MONDAY + " 11:30:00", 57) + ","
                + appointment(62, 33, 7, MONDAY + " 10:00:00", MONDAY + " 11:30:00", 57));

        JsonNode result = booked(book("tb-7", "10:00", "\"service\":\"colour\""));

        assertThat(result.get("appointment_id").asInt()).isEqualTo(61);
        assertThat(result.get("message").asText()).startsWith("You're already booked in for").endsWith("Your reference is 61.");
        calendar.verify(deleteRequestedFor(urlPathEqualTo(API + "/appointments/62")));
        calendar.verify(2, getRequestedFor(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .withQueryParam("from", equalTo(MONDAY.minusDays(1).toString()))
                .withQueryParam("till", equalTo(MONDAY.plusDays(1).toString())));
    }

    @Test
    void anotherServiceOfTheSameCallerAtThatTimeDoesNotStopABooking() throws Exception {
        theCallersAppointmentsOnceOursIsCreated(appointment(60, 32, 1, MONDAY + " 10:00:00", MONDAY + " 10:30:00", 57) + ","
                + appointment(62, 33, 7, MONDAY + " 10:00:00", MONDAY + " 11:30:00", 57));

        JsonNode result = booked(book("tb-8", "10:00", "\"service\":\"colour\""));

        assertThat(result.get("appointment_id").asInt()).isEqualTo(62);
        assertThat(result.get("message").asText()).startsWith("You're booked in for Full colour with Maria Chen");
        calendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/appointments/62")));
    }

    /** Zoë is known; her appointments are none until ours (62, with Maria Chen) is created, then these. */
    private static void theCallersAppointmentsOnceOursIsCreated(String appointments) {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[" + customer(57, "zoe@example.com", "+447123456789") + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .inScenario("ours").whenScenarioStateIs(Scenario.STARTED).willReturn(ok("[]")));
        calendar.stubFor(post(urlPathEqualTo(API + "/appointments")).withRequestBody(matchingJsonPath("$.providerId", equalTo("33")))
                .inScenario("ours").willSetStateTo("created")
                .willReturn(json(201, appointment(62, 33, 7, MONDAY + " 10:00:00", MONDAY + " 11:30:00", 57))));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .inScenario("ours").whenScenarioStateIs("created").willReturn(ok("[" + appointments + "]")));
    }

    private String book(String toolCallId, String time, String team) {
        return webhook(VapiPayloads.toolCall(toolCallId, "book_appointment", "{\"date\":\"" + MONDAY + "\",\"time\":\"" + time
                + "\",\"first_name\":\"Zoë\",\"last_name\":\"Ng\",\"email\":\"zoe@example.com\",\"phone\":\"07123 456789\"," + team + "}"))
                .body();
    }

    private static JsonNode booked(String body) throws Exception {
        JsonNode call = JSON.readTree(body).at("/results/0");
        assertThat(call.has("result")).as(body).isTrue();
        return JSON.readTree(call.get("result").asText());
    }

    private static String error(String body) throws Exception {
        JsonNode call = JSON.readTree(body).at("/results/0");
        assertThat(call.has("error")).as(body).isTrue();
        return call.get("error").asText();
    }

    private static String spokenDay() {
        return io.github.vapireceptionist.availability.SpokenDates.day(MONDAY);
    }
}

package io.github.vapireceptionist.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.json;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.booking.ServiceCatalog;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.selfservice.CallerAttempts;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.FixedServiceCatalog;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Two businesses on one deployment, each on its own Easy!Appointments (two stand-ins answering as 1.5.2 does) with
 * its own token: every calendar call of a function one business's caller drives goes to that business's calendar
 * with that business's token, and not one request reaches the other's. The routes' endpoint URI is a third calendar
 * (EASYAPPOINTMENTS_BASE_URL, the deployment's): it hears nothing either, which is camel-http sending each call to
 * the CamelHttpUri CalendarRequests sets, not to the endpoint's static host.
 */
// health probes not remembered, so each test's probe asks the calendars it stubbed
@TestPropertySource(properties = {"businesses.by-path=true", "calendar-health.cache-seconds=0"})
@Import(TwoCalendarsContractTest.TwoCalendars.class)
class TwoCalendarsContractTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension north = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static final WireMockExtension south = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static final WireMockExtension deployment = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TestConfiguration
    static class TwoCalendars {

        @Bean
        @Primary
        Businesses northAndSouth() {
            return new Businesses(List.of(TestBusinesses.business("north", north.baseUrl()),
                    TestBusinesses.business("south", south.baseUrl() + "/")), true);
        }

        @Bean
        @Primary
        ServiceCatalog fixedService() {
            return new FixedServiceCatalog();
        }
    }

    @DynamicPropertySource
    static void deploymentsCalendar(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", deployment::baseUrl);
        registry.add("easyappointments.api-token", () -> "deployment-token");
    }

    private static final String ZOE = "+447123456789";

    @Autowired
    BookingReplays replays;
    @Autowired
    CallerAttempts attempts;
    @Autowired
    CalendarHealthIndicator health;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    @BeforeEach
    void forget() {
        replays.clear();
        attempts.clear();
    }

    @Test
    void checkAvailabilityAsksItsOwnCalendarWithItsOwnToken() throws Exception {
        EasyAppointmentsStubs.salonWithJaneFreeOn(north, day, "[\"09:00\",\"09:30\"]");
        EasyAppointmentsStubs.salonWithJaneFreeOn(south, day, "[\"14:00\"]");

        JsonNode northAnswer = toolResult(call("north", VapiPayloads.toolCall("n-1", "check_availability", "{\"date\":\"" + day + "\"}")));
        onlyItsOwnCalendarWasCalled("north");
        north.resetRequests();
        JsonNode southAnswer = toolResult(call("south", VapiPayloads.toolCall("s-1", "check_availability", "{\"date\":\"" + day + "\"}")));
        onlyItsOwnCalendarWasCalled("south");

        assertThat(northAnswer.get("slots").toString()).isEqualTo("[\"09:00\",\"09:30\"]");
        assertThat(southAnswer.get("slots").toString()).isEqualTo("[\"14:00\"]");
        south.verify(getRequestedFor(urlPathEqualTo(API + "/availabilities")).withQueryParam("providerId", equalTo("2"))
                .withQueryParam("serviceId", equalTo("1")).withQueryParam("date", equalTo(day.toString())));
    }

    @Test
    void aBookingIsWrittenToItsOwnCalendarOnly() throws Exception {
        EasyAppointmentsStubs.salonWithJaneFreeOn(north, day, "[\"09:00\",\"10:00\"]");
        EasyAppointmentsStubs.aCalendarThatBooks(north, EasyAppointmentsStubs.appointment(41, day + " 10:00:00",
                day + " 10:30:00", 57, null));

        JsonNode booked = toolResult(call("north", VapiPayloads.toolCall("n-book", "book_appointment", "{\"date\":\"" + day
                + "\",\"time\":\"10:00\",\"first_name\":\"Zoë\",\"last_name\":\"Ng\",\"email\":\"zoe@example.com\","
                + "\"phone\":\"07123 456789\"}")));

        assertThat(booked.get("appointment_id").asInt()).isEqualTo(41);
        north.verify(postRequestedFor(urlPathEqualTo(API + "/customers")));
        north.verify(postRequestedFor(urlPathEqualTo(API + "/appointments")));
        onlyItsOwnCalendarWasCalled("north");
    }

    @Test
    void findAndCancelAskAndDeleteInTheirOwnCalendarOnly() throws Exception {
        zoeHasAnAppointmentAtTen(south);

        JsonNode found = toolResult(call("south", VapiPayloads.toolCallFrom(ZOE, "s-find", "find_appointment", "{}")));
        JsonNode cancelled = toolResult(call("south", VapiPayloads.toolCallFrom(ZOE, "s-cancel", "cancel_appointment",
                "{\"appointment_ref\":\"41\",\"confirm\":true}")));

        assertThat(found.get("appointments").get(0).get("reference").asText()).isEqualTo("41");
        assertThat(cancelled.get("changed").asBoolean()).isTrue();
        south.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/41")));
        onlyItsOwnCalendarWasCalled("south");
    }

    @Test
    void aMoveBooksAndReleasesInItsOwnCalendarOnly() throws Exception {
        zoeHasAnAppointmentAtTen(north);

        JsonNode moved = toolResult(call("north", VapiPayloads.toolCallFrom(ZOE, "n-move", "reschedule_appointment",
                "{\"appointment_ref\":\"41\",\"date\":\"" + day + "\",\"time\":\"16:00\"}")));

        assertThat(moved.get("appointment").get("reference").asText()).isEqualTo("52");
        north.verify(postRequestedFor(urlPathEqualTo(API + "/appointments")));
        north.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/41")));
        onlyItsOwnCalendarWasCalled("north");
    }

    /** The readiness detail asks every business's calendar, each with its own token; neither names no business. */
    @Test
    void theHealthProbeAsksEachBusinesssCalendar() {
        for (WireMockExtension calendar : List.of(north, south)) {
            calendar.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(ok(EasyAppointmentsStubs.service())));
        }

        Health probed = health.health();

        assertThat(probed.getStatus()).isEqualTo(Status.UP);
        assertThat(probed.getDetails()).containsOnlyKeys("north", "south");
        for (String business : List.of("north", "south")) {
            calendarOf(business).verify(1, getRequestedFor(urlPathEqualTo(API + "/services/1"))
                    .withHeader("Authorization", equalTo("Bearer " + TestBusinesses.tokenOf(business))));
        }
        deployment.verify(0, anyRequestedFor(anyUrl()));
    }

    /**
     * One business's calendar failing (500) or hanging does not make the deployment look down to monitoring: the whole
     * is UP and names it; the probe of a hanging one gives up after its one timeout. Both down: DOWN.
     */
    @Test
    void oneBusinesssCalendarDownOrHangingLeavesTheHealthUpAndNamesIt() {
        south.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(ok(EasyAppointmentsStubs.service())));
        north.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(EasyAppointmentsStubs.failure("Database error")));

        Health failing = health.health();

        assertThat(failing.getStatus()).isEqualTo(Status.UP);
        assertThat(failing.getDetails()).containsEntry("calendarsDown", List.of("north"));
        assertThat(((Health) failing.getDetails().get("north")).getStatus()).isEqualTo(Status.DOWN);
        assertThat(((Health) failing.getDetails().get("south")).getStatus()).isEqualTo(Status.UP);

        south.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(EasyAppointmentsStubs.failure("Database error")));
        Health bothDown = health.health();

        assertThat(bothDown.getStatus()).isEqualTo(Status.DOWN);
        assertThat(bothDown.getDetails()).containsEntry("calendarsDown", List.of("north", "south"));

        south.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(ok(EasyAppointmentsStubs.service())));
        north.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(ok(EasyAppointmentsStubs.service()).withFixedDelay(8_000)));
        Health hanging = health.health();

        assertThat(hanging.getStatus()).isEqualTo(Status.UP);
        assertThat(hanging.getDetails()).containsEntry("calendarsDown", List.of("north"));
        assertThat(((Health) hanging.getDetails().get("north")).getDetails()).containsEntry("reason", "timeout");
        assertThat(((Health) hanging.getDetails().get("south")).getStatus()).isEqualTo(Status.UP);
        for (String business : List.of("north", "south")) {
            assertThat(calendarOf(business).findAll(anyRequestedFor(anyUrl()))).hasSize(3)
                    .allSatisfy(request -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TestBusinesses.tokenOf(business)));
        }
        deployment.verify(0, anyRequestedFor(anyUrl()));
    }

    /** As SelfServiceContractTest's calendar: Zoë (57, 07123 456789) has appointment 41 at 10:00; 16:00 is free. */
    private void zoeHasAnAppointmentAtTen(WireMockExtension calendar) {
        EasyAppointmentsStubs.salonWithJaneFreeOn(calendar, day, "[\"09:30\",\"10:30\",\"16:00\",\"16:30\"]");
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).withQueryParam("q", equalTo("7123456789"))
                .willReturn(ok("[" + EasyAppointmentsStubs.customer(57, "zoe@example.com", "07123456789") + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[" + EasyAppointmentsStubs.appointment(41, day + " 10:00:00", day + " 10:30:00", 57, null) + "]")));
        calendar.stubFor(post(urlPathEqualTo(API + "/appointments"))
                .willReturn(json(201, EasyAppointmentsStubs.appointment(52, day + " 16:00:00", day + " 16:30:00", 57, null))));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", absent())
                .willReturn(ok("[" + EasyAppointmentsStubs.appointment(52, day + " 16:00:00", day + " 16:30:00", 57, null) + "]")));
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/41")).willReturn(aResponse().withStatus(204)));
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/52")).willReturn(aResponse().withStatus(204)));
    }

    /** Its calendar was called, every call with its token; the other business's calendar and the deployment's heard nothing. */
    private static void onlyItsOwnCalendarWasCalled(String business) {
        WireMockExtension own = calendarOf(business);
        WireMockExtension other = calendarOf(business.equals("north") ? "south" : "north");
        assertThat(own.findAll(anyRequestedFor(anyUrl()))).isNotEmpty()
                .allSatisfy(request -> assertThat(request.getHeader("Authorization"))
                        .isEqualTo("Bearer " + TestBusinesses.tokenOf(business)));
        other.verify(0, anyRequestedFor(anyUrl()));
        deployment.verify(0, anyRequestedFor(anyUrl()));
    }

    private static WireMockExtension calendarOf(String business) {
        return business.equals("north") ? north : south;
    }

    private HttpResponse<String> call(String business, String body) {
        HttpResponse<String> response = httpPost(WEBHOOK + "/" + business, body, "x-vapi-secret", TestBusinesses.secretOf(business));
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }
}

package io.github.vapireceptionist.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.appointment;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.customer;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.reconcile.UncertainWrite;
import io.github.vapireceptionist.reconcile.UncertainWrites;
import io.github.vapireceptionist.selfservice.CallerAttempts;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.CalendarCallRecorder;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Two businesses whose calendars both hand out appointment 42 to their customer 57 (ids are per calendar): what the
 * shared store keeps of north's 42 (its cancellation's replay, its confirmation's claim, its uncertain cancel) never
 * answers, blocks or deletes south's 42, and the reconciler settles north's uncertain cancel at north's calendar only.
 * In this instance's memory here; on Redis in SameIdsInTwoCalendarsOnRedisTest. Its context is not kept for other
 * classes: its reconciler runs every 100 ms, and the Redis variant's server stops with the class.
 */
@TestPropertySource(properties = {"businesses.by-path=true", "self-service.attempts-per-caller=3", "reconciliation.period-ms=100"})
@Import(SameIdsInTwoCalendarsTest.TwoCalendars.class)
@DirtiesContext
class SameIdsInTwoCalendarsTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension northCalendar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static final WireMockExtension southCalendar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String ZOE = "+447123456789";
    static final String RECONCILER = "reconcile-uncertain-writes";
    static final String CANCEL_42 = "{\"appointment_ref\":\"42\",\"confirm\":true}";

    @TestConfiguration
    static class TwoCalendars {

        @Bean
        @Primary
        Businesses twoBusinesses() {
            return new Businesses(List.of(TestBusinesses.business("north", northCalendar.baseUrl()),
                    TestBusinesses.business("south", southCalendar.baseUrl())), true);
        }

        @Bean
        CalendarCallRecorder calendarCallRecorder() {
            return new CalendarCallRecorder();
        }
    }

    @DynamicPropertySource
    static void calendars(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", northCalendar::baseUrl);
        registry.add("easyappointments.api-token", () -> TestBusinesses.tokenOf("north"));
    }

    @Autowired
    BookingReplays replays;
    @Autowired
    CallerAttempts attempts;
    @Autowired
    UncertainWrites uncertainWrites;
    @Autowired
    CalendarCallRecorder calendarCalls;
    @Autowired
    CamelContext camel;

    final LocalDate day = nextWeekday();

    @AfterEach
    void reconcilerRuns() throws Exception {
        camel.getRouteController().startRoute(RECONCILER);
    }

    @BeforeEach
    void bothCalendarsGiveZoeAppointment42() {
        replays.clear();
        attempts.clear();
        await().atMost(Duration.ofSeconds(10)).until(uncertainWrites::allSettled);
        for (WireMockExtension calendar : List.of(northCalendar, southCalendar)) {
            giveZoeAppointment42(calendar, day);
            calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/42")).willReturn(aResponse().withStatus(204)));
        }
        calendarCalls.clear();
    }

    /** Zoe (customer 57 of {@code calendar}, found by her number) has appointment 42 there on {@code day}. */
    static void giveZoeAppointment42(WireMockExtension calendar, LocalDate day) {
        calendar.resetAll();
        calendar.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(ok(EasyAppointmentsStubs.service())));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).withQueryParam("q", equalTo("7123456789"))
                .willReturn(ok("[" + customer(57, "zoe@example.com", "07123456789") + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[" + appointment(42, day + " 10:00:00", day + " 10:30:00", 57, null) + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", absent())
                .willReturn(ok("[]")));
    }

    @Test
    void northsCancelOf42IsNeverReplayedToSouthWhoseOwn42IsDeletedInItsOwnCalendar() throws Exception {
        JsonNode north;
        JsonNode south;
        try (LogCapture logs = LogCapture.start()) {
            north = toolResult(call("north", "n-cancel", "cancel_appointment", CANCEL_42));
            south = toolResult(call("south", "s-cancel", "cancel_appointment", CANCEL_42));

            assertThat(north.get("changed").asBoolean()).isTrue();
            assertThat(south.get("changed").asBoolean()).as("south's own cancel ran, not north's answer replayed").isTrue();
            assertThat(logs.text()).as("each business's change is its own to confirm (claims: with Redis)")
                    .doesNotContain("confirmation_already_sent");
        }
        assertThat(calendarCalls.businessesOf("ea-delete-appointment")).containsExactlyInAnyOrder("north", "south");
        northCalendar.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/42")));
        southCalendar.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/42")));

        // and each business replays its own answer to its own re-sent call
        assertThat(toolResult(call("south", "s-cancel", "cancel_appointment", CANCEL_42))).isEqualTo(south);
        southCalendar.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/42")));
    }

    @Test
    void aCallersAttemptsAtNorthLeaveTheirAllowanceAtSouth() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertThat(toolResult(call("north", "n-find-" + i, "find_appointment", "{}")).toString()).contains("42");
        }
        assertThat(toolError(call("north", "n-find-4", "find_appointment", "{}"))).startsWith("I can't look up any more bookings");

        assertThat(toolResult(call("south", "s-find-1", "find_appointment", "{}")).toString()).contains("42");
    }

    @Test
    void northsUncertainCancelOf42HidesNothingAtSouthAndIsSettledAtNorthOnly() throws Exception {
        camel.getRouteController().stopRoute(RECONCILER);    // the item stays open until this test lets it be settled
        northCalendar.stubFor(delete(urlPathEqualTo(API + "/appointments/42")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        northCalendar.stubFor(get(urlPathEqualTo(API + "/appointments/42")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        String told = toolError(call("north", "n-lost", "cancel_appointment", CANCEL_42));

        assertThat(told).startsWith("I couldn't confirm that the cancellation went through");
        assertThat(uncertainWrites.pending()).extracting(UncertainWrite::key).containsExactly("north:appointment-42");
        assertThat(toolResult(call("north", "n-find", "find_appointment", "{}")).toString()).as("north's 42 is being cancelled")
                .doesNotContain("42");
        assertThat(toolResult(call("south", "s-find", "find_appointment", "{}")).toString()).as("south's 42 is not").contains("42");

        northCalendar.stubFor(delete(urlPathEqualTo(API + "/appointments/42")).willReturn(aResponse().withStatus(204)));
        camel.getRouteController().startRoute(RECONCILER);
        await().atMost(Duration.ofSeconds(10)).until(uncertainWrites::allSettled);

        assertThat(calendarCalls.calls()).filteredOn(call -> call.fromRoute().equals(RECONCILER)).as("the reconciler's calendar calls")
                .isNotEmpty().allSatisfy(call -> assertThat(call.business()).isEqualTo("north"));
        assertThat(calendarCalls.businessesOf("ea-delete-appointment")).isNotEmpty().containsOnly("north");
        southCalendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/appointments/42")));
        assertThat(northCalendar.findAll(deleteRequestedFor(urlPathEqualTo(API + "/appointments/42")))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(toolResult(call("north", "n-lost", "cancel_appointment", CANCEL_42)).get("changed").asBoolean())
                .as("the re-sent call hears how north's cancel was settled").isTrue();
    }

    HttpResponse<String> call(String business, String toolCallId, String function, String arguments) {
        HttpResponse<String> response = httpPost(WEBHOOK + "/" + business, VapiPayloads.toolCallFrom(ZOE, toolCallId, function, arguments),
                "x-vapi-secret", TestBusinesses.secretOf(business));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    static LocalDate nextWeekday() {
        LocalDate day = LocalDate.now(ZoneId.of("Europe/London")).plusDays(2);
        while (day.getDayOfWeek().getValue() > 5) {
            day = day.plusDays(1);
        }
        return day;
    }
}

package io.github.vapireceptionist.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Two businesses whose calendars describe the same provider (2), service (1) and day: each business's
 * check_availability is answered from its own remembered days only, and a booking in one forgets only that one's.
 * Both calendars are one stand-in here, which answers the first read of the day with one set of times and every
 * later read with another: a day one business read can only reach the other through a shared cache.
 */
@TestPropertySource(properties = {"businesses.by-path=true", "availability-cache.seconds=3600",
        "availability-cache.stale-seconds=0"})
@Import(AvailabilityCachePerBusinessTest.TwoBusinesses.class)
class AvailabilityCachePerBusinessTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TestConfiguration
    static class TwoBusinesses {

        @Bean
        @Primary
        Businesses twoBusinesses() {
            return new Businesses(List.of(TestBusinesses.business("north", calendar.baseUrl()),
                    TestBusinesses.business("south", calendar.baseUrl())), true);
        }
    }

    @DynamicPropertySource
    static void calendarUrl(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", calendar::baseUrl);
        registry.add("easyappointments.api-token", () -> "ea-test-token");
    }

    private static final String FIRST_READ = "[\"10:00\",\"10:30\"]";
    private static final String LATER_READS = "[\"10:00\",\"11:00\"]";
    private static final String AFTER_THE_BOOKING = "[\"11:00\"]";

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    @BeforeEach
    void oneDayReadTwoWays() {
        calendar.resetAll();
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).withQueryParam("date", equalTo(day.toString()))
                .inScenario("day").whenScenarioStateIs(STARTED).willReturn(ok(FIRST_READ)).willSetStateTo("read"));
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).withQueryParam("date", equalTo(day.toString()))
                .inScenario("day").whenScenarioStateIs("read").willReturn(ok(LATER_READS)));
        EasyAppointmentsStubs.aCalendarThatBooks(calendar,
                EasyAppointmentsStubs.appointment(41, 2, 1, day + " 10:00:00", day + " 10:30:00", 57));
    }

    @Test
    void northsRememberedDayNeverAnswersSouth() throws Exception {
        assertThat(slots(check("north", "n-1"))).containsExactly("10:00", "10:30");
        assertThat(slots(check("south", "s-1"))).as("south's own read, not north's day").containsExactly("10:00", "11:00");

        assertThat(slots(check("north", "n-2"))).containsExactly("10:00", "10:30");
        assertThat(slots(check("south", "s-2"))).containsExactly("10:00", "11:00");
        assertThat(dayReads()).as("one read per business, each remembered by its own cache").isEqualTo(2);
    }

    @Test
    void aBookingInNorthForgetsOnlyNorthsDay() throws Exception {
        check("north", "n-1");
        check("south", "s-1");

        assertThat(toolResult(book("north", "n-book")).get("appointment_id").asInt()).isEqualTo(41);
        int readsAfterBooking = dayReads();
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).withQueryParam("date", equalTo(day.toString()))
                .inScenario("day").whenScenarioStateIs("read").willReturn(ok(AFTER_THE_BOOKING)));

        assertThat(slots(check("south", "s-2"))).as("south's day, still remembered").containsExactly("10:00", "11:00");
        assertThat(dayReads()).isEqualTo(readsAfterBooking);
        assertThat(slots(check("north", "n-2"))).as("north's day, read again after its booking").containsExactly("11:00");
        assertThat(dayReads()).isEqualTo(readsAfterBooking + 1);
    }

    private HttpResponse<String> check(String business, String toolCallId) {
        return httpPost(WEBHOOK + "/" + business, VapiPayloads.toolCall(toolCallId, "check_availability",
                "{\"date\":\"" + day + "\"}"), "x-vapi-secret", TestBusinesses.secretOf(business));
    }

    private HttpResponse<String> book(String business, String toolCallId) {
        return httpPost(WEBHOOK + "/" + business, VapiPayloads.toolCall(toolCallId, "book_appointment", "{\"date\":\"" + day
                + "\",\"time\":\"10:00\",\"first_name\":\"Zoë\",\"last_name\":\"Ng\",\"email\":\"zoe@example.com\","
                + "\"phone\":\"07123 456789\"}"), "x-vapi-secret", TestBusinesses.secretOf(business));
    }

    private static List<String> slots(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = toolResult(response);
        assertThat(result.get("success").asBoolean()).as(response.body()).isTrue();
        List<String> slots = new ArrayList<>();
        result.get("slots").forEach(slot -> slots.add(slot.asText()));
        return slots;
    }

    private int dayReads() {
        return calendar.findAll(getRequestedFor(urlPathEqualTo(API + "/availabilities"))
                .withQueryParam("date", equalTo(day.toString()))).size();
    }
}

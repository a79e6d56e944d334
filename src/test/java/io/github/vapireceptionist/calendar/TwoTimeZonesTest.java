package io.github.vapireceptionist.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.selfservice.CallerAttempts;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Two businesses on one deployment, half a world apart: north in London (numbers said without a country code are
 * British), south in Auckland (New Zealand numbers), the deployment itself in New York (EASYAPPOINTMENTS_TIMEZONE).
 * At the fixed instant of these tests it is Wednesday 10 March 12:00 in London, already Thursday 11 March 01:00 in
 * Auckland, and 07:00 on the Wednesday in New York. "Today", "already passed", the last day of the booking horizon,
 * the times an answer says and the region a national number is read in are each the caller's business's own; the
 * deployment's zone or region would get every one of them wrong for one business or the other.
 */
@TestPropertySource(properties = {"businesses.by-path=true", "easyappointments.timezone=America/New_York",
        "easyappointments.booking-horizon-days=90"})
@Import(TwoTimeZonesTest.TwoZones.class)
class TwoTimeZonesTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension north = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static final WireMockExtension south = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Instant NOW = Instant.parse("2027-03-10T12:00:00Z");
    static final ZoneId DEPLOYMENT = ZoneId.of("America/New_York");
    static final LocalDate WEDNESDAY = LocalDate.of(2027, 3, 10);
    static final LocalDate THURSDAY = LocalDate.of(2027, 3, 11);
    /** An Auckland number as a caller there says it (+64 9 345 6789); no valid British number. */
    static final String AUCKLAND_NATIONAL = "09 345 6789";

    @TestConfiguration
    static class TwoZones {

        @Bean
        @Primary
        Businesses northAndSouth() {
            return new Businesses(List.of(TestBusinesses.business("north", north.baseUrl(), ZoneId.of("Europe/London")),
                    inRegion(TestBusinesses.business("south", south.baseUrl(), ZoneId.of("Pacific/Auckland")), "NZ")), true);
        }

        /** The deployment's clock, stopped, in the deployment's zone (as ClockConfiguration makes it). */
        @Bean
        @Primary
        Clock stoppedDeploymentClock() {
            return Clock.fixed(NOW, DEPLOYMENT);
        }

        private static Business inRegion(Business business, String region) {
            return new Business(business.id(), business.name(), business.timezone(), region, business.phone(), business.vapi(),
                    business.webhook(), business.calendar(), business.confirmations(), business.transferNumber());
        }
    }

    @DynamicPropertySource
    static void deploymentsCalendar(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", north::baseUrl);
        registry.add("easyappointments.api-token", () -> "deployment-token");
    }

    @Autowired
    BookingReplays replays;
    @Autowired
    CallerAttempts attempts;

    /** South's catalog (the salon's, read once: the stopped clock never makes it stale) is the same in every test. */
    @BeforeEach
    void freshCalendars() {
        north.resetAll();
        south.resetAll();
        replays.clear();
        attempts.clear();
    }

    @Test
    void wednesdayIsTodayInLondonAndYesterdayInAuckland() throws Exception {
        EasyAppointmentsStubs.salonWithJaneFreeOn(north, WEDNESDAY, "[\"15:00\"]");

        JsonNode northAnswer = toolAnswer(checkAvailability("north", WEDNESDAY));
        JsonNode southAnswer = toolAnswer(checkAvailability("south", WEDNESDAY));

        assertThat(northAnswer.path("message").asText()).isEqualTo("On Wednesday 10 March I have one time free: 15:00.");
        assertThat(southAnswer.path("error").asText()).isEqualTo("That date has already passed. Which day would you like?");
    }

    @Test
    void theBookingHorizonEndsOnEachBusinesssOwnNinetiethDay() throws Exception {
        south.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[]")));

        LocalDate ninthJune = LocalDate.of(2027, 6, 9);
        JsonNode northAnswer = toolAnswer(checkAvailability("north", ninthJune));
        JsonNode southAnswer = toolAnswer(checkAvailability("south", ninthJune));
        JsonNode southTooFar = toolAnswer(checkAvailability("south", ninthJune.plusDays(1)));

        assertThat(northAnswer.path("error").asText())
                .isEqualTo("I can only book up to 90 days ahead, until Tuesday 8 June. Which day would you like?");
        assertThat(southAnswer.path("message").asText()).isEqualTo("I have nothing free on Wednesday 9 June. Would another date suit you?");
        assertThat(southTooFar.path("error").asText())
                .isEqualTo("I can only book up to 90 days ahead, until Wednesday 9 June. Which day would you like?");
    }

    @Test
    void aTimeAlreadyPassedIsJudgedOnEachBusinesssClock() {
        JsonNode northLate = toolAnswer(book("north", WEDNESDAY, "11:00", "07123 456789"));
        JsonNode southLate = toolAnswer(book("south", THURSDAY, "00:30", AUCKLAND_NATIONAL));

        assertThat(northLate.path("error").asText()).isEqualTo("That time has already passed today. Would a later time suit you?");
        assertThat(southLate.path("error").asText()).isEqualTo("That time has already passed today. Would a later time suit you?");
        north.verify(0, getRequestedFor(urlPathEqualTo(API + "/customers")));
        south.verify(0, getRequestedFor(urlPathEqualTo(API + "/customers")));
    }

    /** Its first morning in Auckland: booked, the number read as a New Zealand one, the customer filed in Auckland's zone. */
    @Test
    void southBooksItsTomorrowWithItsOwnRegionAndZone() throws Exception {
        EasyAppointmentsStubs.salonWithJaneFreeOn(south, THURSDAY, "[\"10:00\"]");
        EasyAppointmentsStubs.aCalendarThatBooks(south, EasyAppointmentsStubs.appointment(41, THURSDAY + " 10:00:00",
                THURSDAY + " 10:30:00", 57, null));

        JsonNode booked = toolResult(book("south", THURSDAY, "10:00", AUCKLAND_NATIONAL));

        assertThat(booked.get("message").asText()).startsWith("You're booked in for Thursday 11 March at 10:00");
        south.verify(postRequestedFor(urlPathEqualTo(API + "/customers"))
                .withRequestBody(equalToJson("{\"phone\":\"+6493456789\",\"timezone\":\"Pacific/Auckland\"}", true, true)));
    }

    /** Sam Reed works from New York: his Thursday 17:00 is Friday 11:00 in Auckland, which is the day south's caller asked about. */
    @Test
    void aPersonInAnotherZoneIsOfferedInTheBusinesssTime() throws Exception {
        EasyAppointmentsStubs.salonWithJaneFreeOn(south, THURSDAY, "[]");
        EasyAppointmentsStubs.slots(south, 40, 1, THURSDAY, "[\"17:00\"]");

        JsonNode answer = toolResult(call("south", VapiPayloads.toolCall("s-sam", "check_availability",
                "{\"date\":\"2027-03-12\",\"provider\":\"Sam\"}")));

        assertThat(answer.get("slots").toString()).isEqualTo("[\"11:00\"]");
        assertThat(answer.get("message").asText()).isEqualTo("On Friday 12 March for Cut with Sam Reed I have one time free: 11:00.");
    }

    /**
     * A caller ringing from an Auckland number given in its national form is recognised by south (the calendar keeps
     * it the same way); their appointments are listed from Auckland's today and said in Auckland's time: 00:30 this
     * morning has passed, and Sam Reed's Wednesday 17:00 in New York is Thursday 11:00 there.
     */
    @Test
    void southsCallerIsFoundByTheirNationalNumberAndHearsAucklandTimes() throws Exception {
        EasyAppointmentsStubs.salonWithJaneFreeOn(south, THURSDAY, "[]");
        south.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[]")));
        south.stubFor(get(urlPathEqualTo(API + "/customers")).withQueryParam("q", equalTo("93456789"))
                .willReturn(ok("[" + EasyAppointmentsStubs.customer(57, "zoe@example.com", AUCKLAND_NATIONAL) + "]")));
        south.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[" + EasyAppointmentsStubs.appointment(41, 2, 1, THURSDAY + " 00:30:00", THURSDAY + " 01:00:00", 57)
                        + "," + EasyAppointmentsStubs.appointment(42, 40, 1, WEDNESDAY + " 17:00:00", WEDNESDAY + " 17:30:00", 57)
                        + "]")));

        JsonNode found = toolResult(call("south", VapiPayloads.toolCallFrom(AUCKLAND_NATIONAL, "s-find", "find_appointment", "{}")));

        assertThat(found.get("message").asText())
                .isEqualTo("You have one upcoming appointment: Cut with Sam Reed on Thursday 11 March at 11:00, reference 42.");
        south.verify(getRequestedFor(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .withQueryParam("from", equalTo(THURSDAY.toString())).withQueryParam("till", equalTo("2027-06-09")));
    }

    private HttpResponse<String> checkAvailability(String business, LocalDate date) {
        return call(business, VapiPayloads.toolCall(business + "-check-" + date, "check_availability", "{\"date\":\"" + date + "\"}"));
    }

    private HttpResponse<String> book(String business, LocalDate date, String time, String phone) {
        return call(business, VapiPayloads.toolCall(business + "-book-" + date + time, "book_appointment", "{\"date\":\"" + date
                + "\",\"time\":\"" + time + "\",\"first_name\":\"Zoë\",\"last_name\":\"Ng\",\"email\":\"zoe@example.com\","
                + "\"phone\":\"" + phone + "\"}"));
    }

    private HttpResponse<String> call(String business, String body) {
        HttpResponse<String> response = httpPost(WEBHOOK + "/" + business, body, "x-vapi-secret", TestBusinesses.secretOf(business));
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }
}

package io.github.vapireceptionist.availability;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.failure;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.salonProviders;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.salonServices;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * check_availability(date, service?, provider?) against a stand-in answering as Easy!Appointments 1.5.2: a salon
 * where Jane (2) does cuts, María López (32) and Maria Chen (33) colours, and Sam (40) works from New York.
 */
@TestPropertySource(properties = "easyappointments.api-token=ea-test-token")
class TeamAvailabilityContractTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Monday in winter, when London is on UTC and New York five hours behind. */
    private static final LocalDate MONDAY = LocalDate.now(ZoneId.of("Europe/London")).plusDays(7)
            .with(TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));

    @DynamicPropertySource
    static void calendarUrl(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", () -> calendar.baseUrl() + "/");
    }

    @BeforeEach
    void salon() {
        calendar.stubFor(get(urlPathEqualTo(API + "/services")).willReturn(ok(salonServices())));
        calendar.stubFor(get(urlPathEqualTo(API + "/providers")).willReturn(ok(salonProviders())));
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[]")));
        stubSlots(2, 1, MONDAY, ok("[\"09:00\",\"09:30\"]"));
        stubSlots(32, 7, MONDAY, ok("[\"10:00\",\"13:00\"]"));
        stubSlots(33, 7, MONDAY, ok("[\"10:00\",\"11:00\"]"));
    }

    @Test
    void aServiceWithNobodyNamedIsTheTimesAnyoneOfferingItIsFree() throws Exception {
        JsonNode result = check("{\"date\":\"" + MONDAY + "\",\"service\":\"colour\"}");

        assertThat(result.get("slots")).extracting(JsonNode::asText).containsExactly("10:00", "11:00", "13:00");
        assertThat(result.get("service").asText()).isEqualTo("Full colour");
        assertThat(result.get("provider").asText()).isEqualTo("anyone");
        assertThat(result.get("message").asText()).startsWith("On " + SpokenDates.day(MONDAY) + " for Full colour I have");
        for (int provider : new int[] {32, 33}) {
            calendar.verify(getRequestedFor(urlPathEqualTo(API + "/availabilities")).withQueryParam("providerId", equalTo("" + provider))
                    .withQueryParam("serviceId", equalTo("7")).withQueryParam("date", equalTo(MONDAY.toString())));
        }
        calendar.verify(0, getRequestedFor(urlPathEqualTo(API + "/availabilities")).withQueryParam("providerId", equalTo("2")));
    }

    @Test
    void aNamedPersonIsAskedAlone() throws Exception {
        JsonNode result = check("{\"date\":\"" + MONDAY + "\",\"service\":\"Full Colour\",\"provider\":\"maria lopez\"}");

        assertThat(result.get("slots")).extracting(JsonNode::asText).containsExactly("10:00", "13:00");
        assertThat(result.get("provider").asText()).isEqualTo("María López");
        assertThat(result.get("message").asText()).startsWith("On " + SpokenDates.day(MONDAY) + " for Full colour with María López I have");
        calendar.verify(0, getRequestedFor(urlPathEqualTo(API + "/availabilities")).withQueryParam("providerId", equalTo("33")));
    }

    @Test
    void aPersonNamedWithoutAServiceIsAskedForTheLinesService() throws Exception {
        JsonNode result = check("{\"date\":\"" + MONDAY + "\",\"provider\":\"Jane\"}");
        assertThat(result.get("slots")).extracting(JsonNode::asText).containsExactly("09:00", "09:30");
        assertThat(result.get("service").asText()).isEqualTo("Cut");
    }

    @Test
    void namesThatPickSeveralOrNoneOrSomeoneWhoDoesNotOfferItAreAnsweredAndNothingIsAsked() throws Exception {
        assertThat(error("{\"date\":\"" + MONDAY + "\",\"service\":\"colour\",\"provider\":\"Maria\"}"))
                .isEqualTo("Do you mean María López or Maria Chen?");
        assertThat(error("{\"date\":\"" + MONDAY + "\",\"provider\":\"Mario\"}"))
                .isEqualTo("I don't know anyone by that name here. We have Jane, María López, Maria Chen and Sam.");
        assertThat(error("{\"date\":\"" + MONDAY + "\",\"service\":\"colour\",\"provider\":\"Jane\"}"))
                .isEqualTo("Jane Doe doesn't do Full colour. María López and Maria Chen do. Would you like one of them, or another service?");
        assertThat(error("{\"date\":\"" + MONDAY + "\",\"service\":\"perm\"}"))
                .isEqualTo("We don't offer that, I'm afraid. We offer Cut and Full colour.");
        assertThat(error("{\"date\":\"" + MONDAY + "\",\"service\":42}")).isEqualTo("I didn't catch which service you'd like. Could you say it again?");
        calendar.verify(0, getRequestedFor(urlPathEqualTo(API + "/availabilities")));
    }

    @Test
    void aPersonInAnotherZoneIsOfferedInTheBusinessesTime() throws Exception {
        // London's Monday is New York's Sunday 19:00 till Monday 19:00 (UTC-5 in winter)
        stubSlots(40, 1, MONDAY.minusDays(1), ok("[\"18:30\",\"19:00\"]"));
        stubSlots(40, 1, MONDAY, ok("[\"09:00\",\"18:30\",\"19:00\"]"));

        JsonNode result = check("{\"date\":\"" + MONDAY + "\",\"provider\":\"Sam\"}");

        assertThat(result.get("slots")).extracting(JsonNode::asText).containsExactly("00:00", "14:00", "23:30");
    }

    @Test
    void nobodyNamedIsTheLinesOwnProviderAsBefore() throws Exception {
        JsonNode result = check("{\"date\":\"" + MONDAY + "\"}");

        assertThat(result.get("slots")).extracting(JsonNode::asText).containsExactly("09:00", "09:30");
        assertThat(result.has("service")).isFalse();
        assertThat(result.has("provider")).isFalse();
        assertThat(result.get("message").asText()).startsWith("On " + SpokenDates.day(MONDAY) + " I have these times free");
    }

    @Test
    void onePersonsCalendarFailingIsTheCalendarFailing() throws Exception {
        stubSlots(33, 7, MONDAY, failure("Call to a member function on null"));
        assertThat(error("{\"date\":\"" + MONDAY + "\",\"service\":\"colour\"}"))
                .isEqualTo("I can't reach the booking calendar right now. Please try again in a moment.");
    }

    private static void stubSlots(int provider, int service, LocalDate date, ResponseDefinitionBuilder answer) {
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).withQueryParam("providerId", equalTo("" + provider))
                .withQueryParam("serviceId", equalTo("" + service)).withQueryParam("date", equalTo(date.toString()))
                .willReturn(answer));
    }

    private JsonNode check(String arguments) throws Exception {
        JsonNode result = JSON.readTree(webhook(VapiPayloads.toolCall("ca", "check_availability", arguments)).body())
                .get("results").get(0);
        assertThat(result.has("result")).as(result.toString()).isTrue();
        return JSON.readTree(result.get("result").asText());
    }

    private String error(String arguments) throws Exception {
        JsonNode result = JSON.readTree(webhook(VapiPayloads.toolCall("ca", "check_availability", arguments)).body())
                .get("results").get(0);
        assertThat(result.has("error")).as(result.toString()).isTrue();
        return result.get("error").asText();
    }
}

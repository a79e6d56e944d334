package io.github.vapireceptionist.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.CalendarCallRecorder;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.support.VapiPayloads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The webhook with two businesses, as Vapi reaches it over HTTP: the business is the one the path, the phone number
 * or the assistant names, and only its own secret opens it; an unknown business hears the same 401 as a wrong
 * secret and nothing runs. The two are given to the app here as its set of businesses, both with the test's calendar
 * (the deployment's) as theirs; TwoBusinessesFileEndToEndTest starts from a real BUSINESSES_FILE.
 */
@TestPropertySource(properties = {"businesses.by-path=true", "easyappointments.api-token=ea-test-token"})
@Import(WebhookBusinessesEndToEndTest.TwoBusinesses.class)
class WebhookBusinessesEndToEndTest extends AppTest {

    @TestConfiguration
    static class TwoBusinesses {

        @Bean
        @Primary
        Businesses twoBusinesses(@Value("${easyappointments.base-url:}") String testCalendar) {
            return new Businesses(List.of(TestBusinesses.onCalendar(WebhookAuthenticationTest.NORTH, testCalendar),
                    TestBusinesses.onCalendar(WebhookAuthenticationTest.SOUTH, testCalendar)), true);
        }

        /** Camel adds every InterceptStrategy bean to the context: this one sees each calendar call's exchange. */
        @Bean
        CalendarCallRecorder calendarCallRecorder() {
            return new CalendarCallRecorder();
        }
    }

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String NORTH_SECRET = WebhookAuthenticationTest.NORTH_SECRET;
    static final String SOUTH_SECRET = WebhookAuthenticationTest.SOUTH_SECRET;
    static final LocalDate MONDAY = LocalDate.now(ZoneId.of("Europe/London")).plusDays(7).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    static final String UNAUTHORIZED = "{\"error\":\"unauthorized\"}";

    @Autowired
    MeterRegistry meters;
    @Autowired
    CalendarCallRecorder calendarCalls;

    @DynamicPropertySource
    static void calendarUrl(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", () -> calendar.baseUrl() + "/");
    }

    @BeforeEach
    void clinic() {
        EasyAppointmentsStubs.salonWithJaneFreeOn(calendar, MONDAY, "[\"09:00\",\"09:30\"]");
    }

    /** check_availability(MONDAY) for a call whose {@code call} object carries {@code ids} (JSON fields). */
    static String checkAvailability(String ids) {
        return VapiPayloads.toolCall("call_biz", "check_availability", "{\"date\":\"" + MONDAY + "\"}")
                .replace("\"call\":{", "\"call\":{" + ids + ",");
    }

    private static void assertAnswered(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(toolResult(response).get("slots").toString()).isEqualTo("[\"09:00\",\"09:30\"]");
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void theBusinessOfThePhoneNumberIsOpenedByItsOwnSecretOnly() throws Exception {
        String north = checkAvailability("\"phoneNumberId\":\"pn-north\"");

        assertAnswered(httpPost(WEBHOOK, north, "x-vapi-secret", NORTH_SECRET));
        assertUnauthorized(httpPost(WEBHOOK, north, "x-vapi-secret", SOUTH_SECRET));
        assertUnauthorized(httpPost(WEBHOOK, north, "Authorization", "Bearer " + SOUTH_SECRET));
        assertUnauthorized(httpPost(WEBHOOK, north, "x-vapi-secret", SECRET));
    }

    @Test
    void theAssistantsIdSelectsItsBusiness() throws Exception {
        String south = checkAvailability("\"assistantId\":\"asst-south\"");

        assertAnswered(httpPost(WEBHOOK, south, "x-vapi-secret", SOUTH_SECRET));
        assertUnauthorized(httpPost(WEBHOOK, south, "x-vapi-secret", NORTH_SECRET));
    }

    @Test
    void thePathNamesTheBusinessWhateverTheMessageSays() throws Exception {
        String namingNorth = checkAvailability("\"phoneNumberId\":\"pn-north\"");

        assertAnswered(httpPost(WEBHOOK + "/south", namingNorth, "x-vapi-secret", SOUTH_SECRET));
        assertUnauthorized(httpPost(WEBHOOK + "/south", namingNorth, "x-vapi-secret", NORTH_SECRET));
        assertUnauthorized(httpPost(WEBHOOK + "/nobody", namingNorth, "x-vapi-secret", NORTH_SECRET));
    }

    @Test
    void anUnknownBusinessHearsTheSame401AsAWrongSecretAndNothingRuns() {
        double rejectedBefore = rejections();
        HttpResponse<String> wrongSecret = httpPost(WEBHOOK, checkAvailability("\"phoneNumberId\":\"pn-north\""), "x-vapi-secret", "wrong");
        calendar.resetRequests();

        HttpResponse<String> unknownNumber = httpPost(WEBHOOK, checkAvailability("\"phoneNumberId\":\"pn-nobody\""),
                "x-vapi-secret", NORTH_SECRET);
        HttpResponse<String> noIds = httpPost(WEBHOOK, VapiPayloads.toolCall("call_x", "check_availability",
                "{\"date\":\"" + MONDAY + "\"}"), "x-vapi-secret", NORTH_SECRET);

        for (HttpResponse<String> refused : List.of(unknownNumber, noIds)) {
            assertThat(refused.statusCode()).isEqualTo(wrongSecret.statusCode()).isEqualTo(401);
            assertThat(refused.body()).isEqualTo(wrongSecret.body());
            assertThat(refused.headers().firstValue("Content-Type")).isEqualTo(wrongSecret.headers().firstValue("Content-Type"));
        }
        calendar.verify(0, anyRequestedFor(anyUrl()));
        assertThat(rejections()).isEqualTo(rejectedBefore + 3);
    }

    @Test
    void anAssistantRequestForAPhoneNumberIsAnsweredWithItsBusinesssAssistant() {
        String request = AssistantRequestContractTest.ASSISTANT_REQUEST.replace("6e5d4c3b-2a19-4807-b6a5-f4e3d2c1b0a9", "pn-south");

        HttpResponse<String> response = httpPost(WEBHOOK, request, "x-vapi-secret", SOUTH_SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"assistantId\":\"assistant-of-south\"}");
    }

    @Test
    void everyLogLineOfTheRequestCarriesTheBusinessId() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            assertAnswered(httpPost(WEBHOOK, checkAvailability("\"phoneNumberId\":\"pn-north\""), "x-vapi-secret", NORTH_SECRET));

            assertThat(logs.text().lines().filter(line -> line.contains("tool_call ")))
                    .hasSize(1).allSatisfy(line -> assertThat(line).contains("business_id=north"));
        }
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/availabilities")));
    }

    /**
     * What the next slice builds on: the business reaches every calendar call of the request as the exchange property
     * {@code business}, through the split of the tool calls and the look-ahead's parallel reads on other threads.
     */
    @Test
    void theBusinessReachesEveryCalendarCallOfItsRequest() throws Exception {
        LocalDate fullDay = MONDAY.plusDays(1);
        calendarCalls.clear();

        HttpResponse<String> response = httpPost(WEBHOOK + "/south", VapiPayloads.toolCall("call_full", "check_availability",
                "{\"date\":\"" + fullDay + "\"}"), "x-vapi-secret", SOUTH_SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(toolResult(response).get("success").asBoolean()).isTrue();
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/availabilities")).withQueryParam("date", equalTo(fullDay.plusDays(1).toString())));
        assertThat(calendarCalls.businesses()).as("the businesses of the calendar calls: the day, then the look-ahead's days")
                .hasSizeGreaterThan(2).containsOnly("south");
    }

    private double rejections() {
        Counter counter = meters.find("webhook.rejections").tag("reason", "unauthorized").counter();
        return counter == null ? 0 : counter.count();
    }
}

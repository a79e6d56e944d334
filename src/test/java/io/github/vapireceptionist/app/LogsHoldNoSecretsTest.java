package io.github.vapireceptionist.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.failure;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.json;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * With every logger at DEBUG, a booking (confirmed through Twilio), a calendar that fails and
 * answers with a provider's secrets, and an admin export leave no email, phone number or secret in
 * anything logged, by the app or by any library (Camel, Spring, HttpClient, Tomcat, Twilio, Jetty).
 */
@TestPropertySource(properties = {
    "easyappointments.api-token=" + LogsHoldNoSecretsTest.EA_TOKEN,
    "admin.api-token=" + LogsHoldNoSecretsTest.ADMIN_TOKEN,
    "twilio.account-sid=" + LogsHoldNoSecretsTest.TWILIO_SID,
    "twilio.auth-token=" + LogsHoldNoSecretsTest.TWILIO_TOKEN,
    "twilio.phone-number=+15005550006",
    "confirmation.budget-ms=3000",
    "confirmation.max-retries=0"
})
class LogsHoldNoSecretsTest extends AppTest {

    static final String EA_TOKEN = "ea-pii-token-5f2b8c1e9d";
    static final String ADMIN_TOKEN = "admin-pii-token-0123456789-0123456789";
    static final String TWILIO_SID = "AC0123456789abcdef0123456789abcdef";
    static final String TWILIO_TOKEN = "twilio-pii-token-7e3a9b";
    static final String CALDAV_PASSWORD = "caldav-hunter2-b81f";
    static final String GOOGLE_TOKEN = "ya29-google-token-c4d1";

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", calendar::baseUrl);
        registry.add("twilio.api-base-url", twilio::baseUrl);
    }

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    @Test
    void debugLogsHoldNoEmailPhoneOrSecret() throws Exception {
        stubACalendarThatBooksZoe();
        twilio.stubFor(post(urlPathMatching(".*/Messages.json")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"queued\",\"to\":\"+447123456789\"}")));
        // the calendar answers availabilities with a provider record: unreadable as slots, and full of secrets
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).withQueryParam("date", equalTo(day.plusDays(1).toString()))
                .willReturn(ok("{\"id\":2,\"email\":\"zoe.pii@example.com\",\"settings\":{\"caldavPassword\":\"" + CALDAV_PASSWORD
                        + "\",\"googleToken\":\"" + GOOGLE_TOKEN + "\",\"workingPlan\":{}}}")));

        String text;
        try (LogCapture log = LogCapture.atLevel(Level.DEBUG)) {
            String booked = webhook(VapiPayloads.toolCall("tc-pii-1", "book_appointment", "{\"date\":\"" + day
                    + "\",\"time\":\"10:00\",\"first_name\":\"Zoë\",\"last_name\":\"Ng\",\"email\":\"Zoe.Pii@Example.com\","
                    + "\"phone\":\"07123 456789\"}")).body();
            assertThat(booked).contains("appointment_id");
            calendar.stubFor(post(urlPathEqualTo(API + "/customers"))
                    .willReturn(failure("Invalid email address provided: zoe.pii@example.com (+447123456789)")));
            calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[]")));
            String refused = webhook(VapiPayloads.toolCall("tc-pii-2", "book_appointment", "{\"date\":\"" + day
                    + "\",\"time\":\"10:30\",\"first_name\":\"Zoë\",\"last_name\":\"Ng\",\"email\":\"zoe.pii@example.com\","
                    + "\"phone\":\"+447123456789\"}")).body();
            assertThat(refused).contains("calendar");
            String garbage = webhook(VapiPayloads.toolCall("tc-pii-3", "check_availability",
                    "{\"date\":\"" + day.plusDays(1) + "\"}")).body();
            assertThat(garbage).contains("calendar");
            assertThat(send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/admin/customers/export?email=zoe.pii%40example.com"))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build()).statusCode())
                    .isEqualTo(200);
            twilio.verify(postRequestedFor(urlPathMatching(".*/Messages.json")));
            text = log.text();
        }

        assertThat(text).as("DEBUG logging was on").contains("DEBUG");
        String basicTwilio = Base64.getEncoder().encodeToString((TWILIO_SID + ":" + TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8));
        for (String secret : List.of("zoe.pii@example.com", "zoe.pii%40example.com", "+447123456789", "07123 456789",
                "7123456789", SECRET, EA_TOKEN, ADMIN_TOKEN, TWILIO_TOKEN, basicTwilio, CALDAV_PASSWORD, GOOGLE_TOKEN)) {
            assertThat(text.toLowerCase()).as("the logs hold " + secret).doesNotContain(secret.toLowerCase());
        }
        assertThat(text).contains("z***@example.com");
    }

    private void stubACalendarThatBooksZoe() {
        calendar.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(ok("{\"id\":1,\"name\":\"Service\",\"duration\":30,"
                + "\"price\":0,\"currency\":\"\",\"description\":null,\"location\":null,\"availabilitiesType\":\"flexible\","
                + "\"attendantsNumber\":1,\"isPrivate\":false,\"serviceCategoryId\":null}")));
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[\"10:00\",\"10:30\",\"11:00\"]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers/57")).willReturn(ok(customer())));
        calendar.stubFor(post(urlPathEqualTo(API + "/customers")).willReturn(json(201, customer())));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", absent())
                .willReturn(ok("[" + appointment() + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[]")));
        calendar.stubFor(post(urlPathEqualTo(API + "/appointments")).willReturn(json(201, appointment())));
        calendar.stubFor(delete(urlPathMatching(API + "/appointments/.*")).willReturn(aResponse().withStatus(204)));
    }

    private static String customer() {
        return EasyAppointmentsStubs.customer(57, "zoe.pii@example.com", "+447123456789");
    }

    private String appointment() {
        return EasyAppointmentsStubs.appointment(41, day + " 10:00:00", day + " 10:30:00", 57, null);
    }

}

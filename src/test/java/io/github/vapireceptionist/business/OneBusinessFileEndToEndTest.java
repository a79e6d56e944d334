package io.github.vapireceptionist.business;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.BusinessesFiles;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.transfer.TransferProperties;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * BUSINESSES_FILE with one business runs end to end on that business's settings in place of the environment
 * variables: its calendar and token, its webhook secret (the environment's WEBHOOK_SECRET opens nothing), its
 * name, time zone and transfer number.
 */
@TestPropertySource(properties = {"businesses.file=" + OneBusinessFileEndToEndTest.FILE,
        "ONLY_WEBHOOK_SECRET=" + OneBusinessFileEndToEndTest.BUSINESS_SECRET, "ONLY_EA_TOKEN=" + OneBusinessFileEndToEndTest.TOKEN})
class OneBusinessFileEndToEndTest extends AppTest {

    static final String FILE = "target/test-businesses/only.yaml";
    static final String BUSINESS_SECRET = "only-business-secret-0123456789-0123456789";
    static final String TOKEN = "only-business-calendar-token";
    static final String PHONE_NUMBER_ID = "pn-only-1";
    private static final int CALENDAR_PORT = TestSocketUtils.findAvailableTcpPort();

    static {
        BusinessesFiles.write("only.yaml", """
                businesses:
                  - id: only
                    name: Only Clinic
                    timezone: Europe/Dublin
                    vapi:
                      phone-number-ids: [%s]
                    webhook:
                      secret: ${ONLY_WEBHOOK_SECRET}
                    easyappointments:
                      base-url: http://127.0.0.1:%d/
                      api-token: ${ONLY_EA_TOKEN}
                    transfer:
                      phone-number: "+353199999999"
                """.formatted(PHONE_NUMBER_ID, CALENDAR_PORT));
    }

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance().options(wireMockConfig().port(CALENDAR_PORT)).build();

    static final LocalDate MONDAY = LocalDate.now(ZoneId.of("Europe/Dublin")).plusDays(7).with(TemporalAdjusters.next(DayOfWeek.MONDAY));

    @Autowired
    Businesses businesses;
    @Autowired
    AppProperties app;
    @Autowired
    EasyAppointmentsProperties easyAppointments;
    @Autowired
    TransferProperties transfer;

    @BeforeEach
    void clinic() {
        EasyAppointmentsStubs.salonWithJaneFreeOn(calendar, MONDAY, "[\"09:00\",\"09:30\"]");
    }

    /** A tool call as Vapi sends it for a call to the business's number. */
    static String checkAvailability(String id, String phoneNumberId, LocalDate day) {
        return VapiPayloads.toolCall(id, "check_availability", "{\"date\":\"" + day + "\"}")
                .replace("\"call\":{", "\"call\":{\"phoneNumberId\":\"" + phoneNumberId + "\",");
    }

    @Test
    void theBusinessOfTheFileAnswersFromItsOwnCalendarWithItsOwnToken() throws Exception {
        HttpResponse<String> response = httpPost(WEBHOOK, checkAvailability("call_only", PHONE_NUMBER_ID, MONDAY),
                "x-vapi-secret", BUSINESS_SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(toolResult(response).get("slots").toString()).isEqualTo("[\"09:00\",\"09:30\"]");
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/availabilities"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).withQueryParam("date", equalTo(MONDAY.toString())));
    }

    @Test
    void thePathNamesTheBusinessAndAMessageNamingNoneOfItsIdsIsRefused() throws Exception {
        HttpResponse<String> byPath = httpPost(WEBHOOK + "/only", checkAvailability("call_path", "pn-elsewhere", MONDAY),
                "x-vapi-secret", BUSINESS_SECRET);
        HttpResponse<String> namingNoId = httpPost(WEBHOOK, VapiPayloads.toolCall("call_none", "check_availability",
                "{\"date\":\"" + MONDAY + "\"}"), "x-vapi-secret", BUSINESS_SECRET);

        assertThat(byPath.statusCode()).isEqualTo(200);
        assertThat(toolResult(byPath).get("slots").toString()).isEqualTo("[\"09:00\",\"09:30\"]");
        assertThat(namingNoId.statusCode()).isEqualTo(401);
    }

    @Test
    void theEnvironmentsWebhookSecretOpensNothing() {
        HttpResponse<String> response = httpPost(WEBHOOK, checkAvailability("call_env", PHONE_NUMBER_ID, MONDAY), "x-vapi-secret", SECRET);

        assertThat(response.statusCode()).isEqualTo(401);
        calendar.verify(0, getRequestedFor(urlPathEqualTo(API + "/availabilities")));
    }

    @Test
    void theBusinessesSettingsReplaceTheEnvironmentVariablesThatDescribeABusiness() {
        assertThat(businesses.fromFile()).isTrue();
        assertThat(businesses.all()).extracting(Business::id).containsExactly("only");
        assertThat(app.name()).isEqualTo("Only Clinic");
        assertThat(easyAppointments.timezone()).isEqualTo(ZoneId.of("Europe/Dublin"));
        assertThat(easyAppointments.apiToken()).isEqualTo(TOKEN);
        assertThat(transfer.enabled()).isTrue();
        assertThat(transfer.phoneNumber()).isEqualTo("+353199999999");
    }
}

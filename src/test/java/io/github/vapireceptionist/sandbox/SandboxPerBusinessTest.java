package io.github.vapireceptionist.sandbox;

import static io.github.vapireceptionist.sandbox.SandboxCredentialsTest.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.booking.ServiceCatalog;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.FixedServiceCatalog;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * A development instance with two businesses that have no calendar of their own: each gets its own sandbox calendar
 * at /sandbox/{businessId}/easyappointments, booked through its own webhook, opened by its own token only. The
 * default sandbox stays at /sandbox/easyappointments (the SandboxCalendar bean), untouched by either.
 */
@TestPropertySource(properties = {"businesses.by-path=true", "easyappointments.base-url="})
@Import(SandboxPerBusinessTest.TwoSandboxBusinesses.class)
class SandboxPerBusinessTest extends AppTest {

    @TestConfiguration
    static class TwoSandboxBusinesses {

        @Bean
        @Primary
        Businesses northAndSouthOnTheirSandboxes() {
            return new Businesses(List.of(TestBusinesses.business("north", null), TestBusinesses.business("south", null)), true);
        }

        @Bean
        @Primary
        ServiceCatalog fixedService() {
            return new FixedServiceCatalog();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/easyappointments/index.php/api/v1";

    @Autowired
    SandboxCalendar defaultSandbox;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    @Test
    void aBookingThroughNorthIsInNorthsSandboxOnly() throws Exception {
        JsonNode free = toolResult(call("north", VapiPayloads.toolCall("n-check", "check_availability", "{\"date\":\"" + day + "\"}")));
        String time = free.get("slots").get(0).asText();

        JsonNode booked = toolResult(call("north", VapiPayloads.toolCall("n-book", "book_appointment", "{\"date\":\"" + day
                + "\",\"time\":\"" + time + "\",\"first_name\":\"Zoë\",\"last_name\":\"Ng\",\"email\":\"zoe@example.com\","
                + "\"phone\":\"07123 456789\"}")));

        JsonNode northsAppointments = appointments("/sandbox/north" + API, bearer("north"));
        assertThat(northsAppointments).hasSize(1);
        assertThat(northsAppointments.get(0).get("id").asInt()).isEqualTo(booked.get("appointment_id").asInt());
        assertThat(northsAppointments.get(0).get("start").asText()).isEqualTo(day + " " + time + ":00");
        assertThat(appointments("/sandbox/north/easyappointments/api/v1", bearer("north"))).isEqualTo(northsAppointments);
        assertThat(appointments("/sandbox/south" + API, bearer("south"))).isEmpty();
        assertThat(defaultSandbox.appointments(Map.of())).isEmpty();
        assertThat(appointments("/sandbox" + API, basic("sandbox:sandbox"))).isEmpty();
    }

    @Test
    void eachSandboxOpensToItsOwnBusinesssCredentialsOnly() {
        assertThat(httpGet("/sandbox/south" + API + "/services", "Authorization", bearer("north")).statusCode()).isEqualTo(401);
        assertThat(httpGet("/sandbox/north" + API + "/services", "Authorization", basic("sandbox:sandbox")).statusCode())
                .isEqualTo(401);
        assertThat(httpGet("/sandbox/nobody" + API + "/services", "Authorization", bearer("north")).statusCode()).isEqualTo(404);
        assertThat(httpGet("/sandbox/south" + API + "/services", "Authorization", bearer("south")).statusCode()).isEqualTo(200);
        HttpResponse<String> theDefaults = httpGet("/sandbox" + API + "/services", "Authorization", basic("sandbox:sandbox"));
        assertThat(theDefaults.statusCode()).isEqualTo(200);
        assertThat(theDefaults.body()).contains("\"id\":" + SandboxCalendar.SERVICE_ID);
    }

    private static String bearer(String business) {
        return "Bearer " + TestBusinesses.tokenOf(business);
    }

    private JsonNode appointments(String apiPath, String authorization) throws Exception {
        HttpResponse<String> response = httpGet(apiPath + "/appointments", "Authorization", authorization);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> call(String business, String body) {
        HttpResponse<String> response = httpPost(WEBHOOK + "/" + business, body, "x-vapi-secret", TestBusinesses.secretOf(business));
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }
}

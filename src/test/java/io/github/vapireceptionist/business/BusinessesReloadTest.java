package io.github.vapireceptionist.business;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.BusinessesFiles;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * POST /actuator/businesses reads BUSINESSES_FILE again and applies it without a restart; a file that fails its
 * checks leaves the running businesses as they were and the answer says why, with the line. (The file watch is off
 * here, so each reload is this test's; BusinessesFileWatchTest covers the watch.)
 */
@TestPropertySource(properties = {"businesses.file=" + BusinessesReloadTest.FILE, "businesses.watch=false",
        "CLINIC_SECRET_1=" + BusinessesReloadTest.FIRST_SECRET, "CLINIC_SECRET_2=" + BusinessesReloadTest.SECOND_SECRET})
class BusinessesReloadTest extends AppTest {

    static final String FILE = "target/test-businesses/reload.yaml";
    static final String FIRST_SECRET = "clinic-first-secret-0123456789-0123456789";
    static final String SECOND_SECRET = "clinic-second-secret-0123456789-012345678";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MANAGEMENT_PORT = TestSocketUtils.findAvailableTcpPort();
    private static final LocalDate DAY = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    static String clinic(String name, String secretVariable) {
        return """
                businesses:
                  - id: clinic
                    name: %s
                    timezone: Europe/London
                    vapi:
                      phone-number-ids: [pn-clinic]
                    webhook:
                      secret: ${%s}
                """.formatted(name, secretVariable);
    }

    static {
        BusinessesFiles.write("reload.yaml", clinic("First Clinic", "CLINIC_SECRET_1"));
    }

    @DynamicPropertySource
    static void managementPort(DynamicPropertyRegistry registry) {
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
    }

    @Autowired
    Businesses businesses;

    @AfterEach
    void firstFileAgain() {
        BusinessesFiles.write("reload.yaml", clinic("First Clinic", "CLINIC_SECRET_1"));
        assertThat(reload().statusCode()).isEqualTo(200);
    }

    @Test
    void aChangedSecretOpensTheBusinessOnTheNextRequestAndTheOldOneNoLonger() throws Exception {
        assertThat(checkAvailability(FIRST_SECRET).statusCode()).isEqualTo(200);
        BusinessesFiles.write("reload.yaml", clinic("Second Clinic", "CLINIC_SECRET_2"));

        HttpResponse<String> reloaded = reload();

        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(reloaded.body());
        assertThat(outcome.get("outcome").asText()).isEqualTo("applied");
        assertThat(outcome.get("changed").toString()).isEqualTo("[\"clinic\"]");
        assertThat(outcome.get("added")).isEmpty();
        assertThat(outcome.get("removed")).isEmpty();
        assertThat(reloaded.body()).doesNotContain(FIRST_SECRET).doesNotContain(SECOND_SECRET);
        assertThat(checkAvailability(SECOND_SECRET).statusCode()).isEqualTo(200);
        assertThat(checkAvailability(FIRST_SECRET).statusCode()).isEqualTo(401);
        assertThat(businesses.byId("clinic").orElseThrow().name()).isEqualTo("Second Clinic");
        assertThat(JSON.readTree(management("GET").body()).at("/businesses/0/name").asText()).isEqualTo("Second Clinic");
    }

    @Test
    void aFileThatFailsItsChecksChangesNothingAndSaysWhyWithTheLine() throws Exception {
        BusinessesFiles.write("reload.yaml", clinic("Second Clinic", "CLINIC_SECRET_2") + "    colour: blue\n");

        HttpResponse<String> refused;
        try (LogCapture log = LogCapture.start()) {
            refused = reload();
            assertThat(log.text()).contains("businesses_reload_refused").contains("line 9");
        }

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode outcome = JSON.readTree(refused.body());
        assertThat(outcome.get("outcome").asText()).isEqualTo("refused");
        assertThat(outcome.get("problems").toString()).contains("line 9").contains("colour");
        assertThat(businesses.byId("clinic").orElseThrow().name()).isEqualTo("First Clinic");
        assertThat(checkAvailability(FIRST_SECRET).statusCode()).isEqualTo(200);
        assertThat(checkAvailability(SECOND_SECRET).statusCode()).isEqualTo(401);
    }

    @Test
    void aSecretVariableThatIsNotSetIsRefusedAsAtStart() throws Exception {
        BusinessesFiles.write("reload.yaml", clinic("Second Clinic", "CLINIC_SECRET_NOT_SET"));

        HttpResponse<String> refused = reload();

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("CLINIC_SECRET_NOT_SET");
        assertThat(checkAvailability(FIRST_SECRET).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> checkAvailability(String secret) {
        return httpPost(WEBHOOK, VapiPayloads.toolCall("call_reload", "check_availability", "{\"date\":\"" + DAY + "\"}")
                .replace("\"call\":{", "\"call\":{\"phoneNumberId\":\"pn-clinic\","), "x-vapi-secret", secret);
    }

    private static HttpResponse<String> reload() {
        return management("POST");
    }

    private static HttpResponse<String> management(String method) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/actuator/businesses"))
                .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }
}

package io.github.vapireceptionist.business;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.BusinessesFiles;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * The README's demo: one deployment started on a real BUSINESSES_FILE of two businesses, each on its own sandbox
 * calendar, chosen as Vapi chooses them (north by its phone number id, south by its assistant id). The same caller
 * books the same time at both; each business sees, finds and cancels its own appointment only (SameIdsInTwoCalendarsTest
 * has both calendars hand out the same id), reads a local number in its own phone region, and one business's secret
 * opens nothing of the other's. A business added to the file answers without a restart.
 */
@TestPropertySource(properties = {"businesses.file=" + TwoBusinessesFileEndToEndTest.FILE, "businesses.watch=false",
        "NORTH_WEBHOOK_SECRET=" + TwoBusinessesFileEndToEndTest.NORTH_SECRET,
        "SOUTH_WEBHOOK_SECRET=" + TwoBusinessesFileEndToEndTest.SOUTH_SECRET,
        "EAST_SECRET=" + TwoBusinessesFileEndToEndTest.EAST_SECRET})
class TwoBusinessesFileEndToEndTest extends AppTest {

    static final String FILE = "target/test-businesses/two.yaml";
    static final String NORTH_SECRET = "north-secret-0123456789-0123456789-0123456789";
    static final String SOUTH_SECRET = "south-secret-0123456789-0123456789-0123456789";
    static final String EAST_SECRET = "east-secret-0123456789-0123456789-0123456789";
    private static final String CALLER = "+447911123456";
    /** 07123 456789, the number the caller of the phone region case says, as Vapi gives its caller id. */
    private static final String UK_MOBILE = "+447123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MANAGEMENT_PORT = TestSocketUtils.findAvailableTcpPort();
    private static final LocalDate DAY = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(3));

    /** The README's demo file, as it is: north chosen by its phone number id, south by its assistant id. */
    static final String NORTH_AND_SOUTH = readme("deploy/businesses/two-sandboxes.yaml");

    static {
        BusinessesFiles.write("two.yaml", NORTH_AND_SOUTH);
    }

    @DynamicPropertySource
    static void managementPort(DynamicPropertyRegistry registry) {
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
    }

    @Test
    void theSameCallerBooksTheSameTimeAtBothAndEachBusinessFindsAndCancelsItsOwnOnly() throws Exception {
        String time = toolResult(north("n-check", "check_availability", "{\"date\":\"" + DAY + "\"}")).get("slots").get(0).asText();
        assertThat(toolResult(south("s-check", "check_availability", "{\"date\":\"" + DAY + "\"}")).get("slots").get(0).asText())
                .as("south's own, empty sandbox").isEqualTo(time);

        JsonNode northBooked = toolResult(north("n-book", "book_appointment", booking(time, "Zoë", "zoe@example.com")));
        JsonNode southBooked = toolResult(south("s-book", "book_appointment", booking(time, "Ann", "ann@example.com")));

        assertThat(northBooked.path("appointment_id").asInt()).as(northBooked.toString()).isPositive();
        assertThat(southBooked.path("appointment_id").asInt()).as("the same time is free in south's calendar: " + southBooked)
                .isPositive();
        assertThat(sandboxAppointments("north")).singleElement().satisfies(appointment -> assertThat(
                appointment.get("start").asText()).isEqualTo(DAY + " " + time + ":00"));
        assertThat(sandboxAppointments("south")).hasSize(1);

        JsonNode northFound = toolResult(north("n-find", "find_appointment", "{}")).get("appointments");
        JsonNode southFound = toolResult(south("s-find", "find_appointment", "{}")).get("appointments");
        assertThat(northFound).hasSize(1);
        assertThat(southFound).hasSize(1);
        assertThat(northFound.get(0).get("reference").asText()).isEqualTo(northBooked.get("appointment_id").asText());
        assertThat(southFound.get(0).get("reference").asText()).isEqualTo(southBooked.get("appointment_id").asText());

        String northReference = northBooked.get("appointment_id").asText();
        JsonNode cancelled = toolResult(north("n-cancel", "cancel_appointment",
                "{\"appointment_ref\":\"" + northReference + "\",\"confirm\":true}"));
        assertThat(cancelled.get("changed").asBoolean()).as(cancelled.toString()).isTrue();
        assertThat(toolResult(north("n-find-2", "find_appointment", "{}")).get("appointments")).isEmpty();
        assertThat(toolResult(south("s-find-2", "find_appointment", "{}")).get("appointments")).as("south's is untouched")
                .hasSize(1);
    }

    @Test
    void oneBusinesssSecretOpensNothingOfTheOthersAndAnUnknownBusinessIsRefused() throws Exception {
        HttpResponse<String> southsSecretOnNorthsNumber = httpPost(WEBHOOK, forNorth(VapiPayloads.toolCallFrom(CALLER, "x-book",
                "book_appointment", booking("10:00", "Eve", "eve@example.com"))), "x-vapi-secret", SOUTH_SECRET);
        HttpResponse<String> southsSecretOnNorthsPath = httpPost(WEBHOOK + "/north", VapiPayloads.toolCallFrom(CALLER, "x-check",
                "check_availability", "{\"date\":\"" + DAY + "\"}"), "x-vapi-secret", SOUTH_SECRET);
        HttpResponse<String> unknown = httpPost(WEBHOOK + "/west", VapiPayloads.toolCallFrom(CALLER, "x-west",
                "check_availability", "{\"date\":\"" + DAY + "\"}"), "x-vapi-secret", SOUTH_SECRET);

        assertThat(southsSecretOnNorthsNumber.statusCode()).isEqualTo(401);
        assertThat(southsSecretOnNorthsPath.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(sandboxAppointments("north")).noneSatisfy(appointment ->
                assertThat(appointment.get("start").asText()).isEqualTo(DAY + " 10:00:00"));
    }

    @Test
    void aLocalNumberIsReadInEachBusinesssOwnPhoneRegion() throws Exception {
        LocalDate day = DAY.plusWeeks(1); // a day of its own: the other tests expect DAY's calendars empty
        String time = toolResult(north("n-check-r", "check_availability", "{\"date\":\"" + day + "\"}")).get("slots").get(0).asText();
        String withUkMobile = "{\"date\":\"" + day + "\",\"time\":\"" + time + "\",\"first_name\":\"Ian\",\"last_name\":\"Ng\","
                + "\"email\":\"ian@example.com\",\"phone\":\"07123 456789\"}";

        String south = toolError(south(UK_MOBILE, "s-book-r", "book_appointment", withUkMobile));
        JsonNode north = toolResult(north(UK_MOBILE, "n-book-r", "book_appointment", withUkMobile));

        assertThat(south).as("Ireland is south's region: 07123 is no Irish number").contains("phone number doesn't look right");
        assertThat(sandboxAppointments("south")).noneSatisfy(appointment ->
                assertThat(appointment.get("start").asText()).isEqualTo(day + " " + time + ":00"));
        assertThat(north.path("appointment_id").asInt()).as("a UK mobile in north's region: " + north).isPositive();
        assertThat(toolResult(north(UK_MOBILE, "n-cancel-r", "cancel_appointment", "{\"appointment_ref\":\""
                + north.path("appointment_id").asText() + "\",\"confirm\":true}")).get("changed").asBoolean())
                .as("north's calendar left as the other tests expect it").isTrue();
    }

    @Test
    void aBusinessAddedToTheFileAnswersWithoutARestart() throws Exception {
        BusinessesFiles.write("two.yaml", NORTH_AND_SOUTH + """
                  - id: east
                    name: East End Osteopaths
                    timezone: Europe/London
                    webhook:
                      secret: ${EAST_SECRET}
                """);
        try {
            HttpResponse<String> reloaded = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT
                    + "/actuator/businesses")).timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
            assertThat(JSON.readTree(reloaded.body()).get("added").toString()).isEqualTo("[\"east\"]");

            HttpResponse<String> east = httpPost(WEBHOOK + "/east", VapiPayloads.toolCallFrom(CALLER, "e-check",
                    "check_availability", "{\"date\":\"" + DAY + "\"}"), "x-vapi-secret", EAST_SECRET);
            assertThat(east.statusCode()).isEqualTo(200);
            assertThat(toolResult(east).get("slots")).isNotEmpty();
        } finally {
            BusinessesFiles.write("two.yaml", NORTH_AND_SOUTH);
            send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/actuator/businesses"))
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.noBody()).build());
        }
    }

    private static String readme(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String booking(String time, String firstName, String email) {
        return "{\"date\":\"" + DAY + "\",\"time\":\"" + time + "\",\"first_name\":\"" + firstName + "\",\"last_name\":\"Ng\","
                + "\"email\":\"" + email + "\"}";
    }

    /** As Vapi sends a call to north's phone number. */
    private static String forNorth(String body) {
        return body.replace("\"call\":{", "\"call\":{\"phoneNumberId\":\"pn-north\",");
    }

    private HttpResponse<String> north(String id, String function, String arguments) {
        return north(CALLER, id, function, arguments);
    }

    private HttpResponse<String> north(String caller, String id, String function, String arguments) {
        return answered(httpPost(WEBHOOK, forNorth(VapiPayloads.toolCallFrom(caller, id, function, arguments)),
                "x-vapi-secret", NORTH_SECRET));
    }

    /** As Vapi sends a call of south's assistant. */
    private HttpResponse<String> south(String id, String function, String arguments) {
        return south(CALLER, id, function, arguments);
    }

    private HttpResponse<String> south(String caller, String id, String function, String arguments) {
        return answered(httpPost(WEBHOOK, VapiPayloads.toolCallFrom(caller, id, function, arguments)
                .replace("\"call\":{", "\"call\":{\"assistantId\":\"asst-south\","), "x-vapi-secret", SOUTH_SECRET));
    }

    private static HttpResponse<String> answered(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** The business's own sandbox, read with its calendar credentials (none in the file: the sandbox's Basic auth). */
    private JsonNode sandboxAppointments(String business) throws Exception {
        HttpResponse<String> response = httpGet("/sandbox/" + business + "/easyappointments/index.php/api/v1/appointments",
                "Authorization", "Basic " + Base64.getEncoder().encodeToString("sandbox:sandbox".getBytes()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}

package io.github.vapireceptionist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/** The app as a newcomer runs it (sandbox calendar, no other service), driven over HTTP as Vapi drives it. */
class WebhookEndToEndTest extends AppTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Autowired
    CamelContext camel;

    @Autowired
    ServletWebServerApplicationContext web;

    @Test
    void webhookExchangesRunOnAtMostWebhookWorkerThreadsOfTomcat() {
        TomcatWebServer tomcat = (TomcatWebServer) web.getWebServer();
        var threads = (org.apache.tomcat.util.threads.ThreadPoolExecutor) tomcat.getTomcat().getConnector()
                .getProtocolHandler().getExecutor();
        assertThat(threads.getMaximumPoolSize()).as("WEBHOOK_WORKER_THREADS' default").isEqualTo(32);
    }

    @Test
    void allThreePayloadShapesAnswerTheSandboxCalendarsOwnSlots() throws Exception {
        LocalDate weekday = nextWeekday();
        List<String> calendarSlots = sandboxAvailabilities(weekday);
        assertThat(calendarSlots).as("the sandbox opens on weekdays").isNotEmpty();
        String date = "{\"date\":\"" + weekday + "\"}";

        JsonNode toolCalls = JSON.readTree(webhook(VapiPayloads.toolCall("call_1", "check_availability", date)).body());
        JsonNode wrapped = JSON.readTree(webhook(VapiPayloads.functionCall("check_availability", date)).body());
        JsonNode unwrapped = JSON.readTree(httpPost(WEBHOOK, VapiPayloads.datasheetFunctionCall("check_availability", date),
                "Authorization", "Bearer " + SECRET).body());

        JsonNode fromToolCalls = JSON.readTree(toolCalls.at("/results/0/result").asText());
        assertThat(toolCalls.at("/results/0/toolCallId").asText()).isEqualTo("call_1");
        assertThat(slots(fromToolCalls)).isEqualTo(calendarSlots);
        assertThat(slots(wrapped.get("result"))).isEqualTo(calendarSlots);
        assertThat(slots(unwrapped.get("result"))).isEqualTo(calendarSlots);
        assertThat(wrapped.at("/result/success").asBoolean()).isTrue();
        assertThat(fromToolCalls).isEqualTo(wrapped.get("result"));
    }

    @Test
    void aWeekendDayOffersTheNextWeekdays() throws Exception {
        LocalDate saturday = LocalDate.now(LONDON).plusDays(1);
        while (saturday.getDayOfWeek() != DayOfWeek.SATURDAY) {
            saturday = saturday.plusDays(1);
        }

        JsonNode result = JSON.readTree(JSON.readTree(webhook(VapiPayloads.toolCall("call_w", "check_availability",
                "{\"date\":\"" + saturday + "\"}")).body()).at("/results/0/result").asText());

        assertThat(result.get("slots")).isEmpty();
        assertThat(result.at("/next_available/0/date").asText()).isEqualTo(saturday.plusDays(2).toString());
        assertThat(result.get("message").asText()).contains("nothing free on Saturday");
    }

    @Test
    void severalCallsInOneMessageAreAnsweredInOrder() throws Exception {
        String weekday = "{\"date\":\"" + nextWeekday() + "\"}";
        HttpResponse<String> response = webhook(VapiPayloads.toolCalls(
                new String[] {"a", "check_availability", weekday},
                new String[] {"b", "check_availability", "\"{\\\"date\\\":\\\"2001-01-01\\\"}\""},
                new String[] {"c", "transfer_to_agent", "{\"reason\":\"wants a person\"}"}));

        JsonNode results = JSON.readTree(response.body()).get("results");
        assertThat(results).extracting(r -> r.get("toolCallId").asText()).containsExactly("a", "b", "c");
        assertThat(results.get(0).has("result")).isTrue();
        assertThat(results.get(1).get("error").asText()).isEqualTo("That date has already passed. Which day would you like?");
        assertThat(results.get(2).get("error").asText()).contains("can't transfer");
    }

    static Stream<Arguments> badCredentials() {
        return Stream.of(
                Arguments.of("x-vapi-secret", "wrong"),
                Arguments.of("x-vapi-secret", ""),
                Arguments.of("x-vapi-secret", SECRET + "x"),
                Arguments.of("x-vapi-secret", SECRET.substring(1)),
                Arguments.of("Authorization", "Bearer wrong"),
                Arguments.of("Authorization", "Basic " + SECRET),
                Arguments.of("X-Other", SECRET));
    }

    @ParameterizedTest(name = "{0}: <{1}>")
    @MethodSource("badCredentials")
    void withoutTheSecretNothingRuns(String header, String value) throws Exception {
        HttpResponse<String> response = httpPost(WEBHOOK, VapiPayloads.toolCall("x", "check_availability", "{\"date\":\"2001-01-01\"}"),
                header, value);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("unauthorized");
        assertThat(response.body()).doesNotContain("results", "date");
    }

    @Test
    void theSecretIsNeverEchoedBack() {
        HttpResponse<String> response = webhook(VapiPayloads.notification("status-update"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("x-vapi-secret"));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"status-update", "end-of-call-report", "conversation-update", "transcript", "hang", "something-new"})
    void messagesWithoutToolCallsAreAcknowledged(String type) {
        HttpResponse<String> response = webhook(VapiPayloads.notification(type));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json", "[]", "42", "\"text\"", "null", "{\"message\":\"hello\"}", "{\"message\":[1]}"})
    void bodiesThatAreNotVapiMessagesGet400(String body) throws Exception {
        HttpResponse<String> response = webhook(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).startsWith("bad request");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":\"nope\"}}",
        "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[null,1,\"x\",{}]}}",
        "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[{\"id\":\"1\",\"function\":{\"name\":\"check_availability\",\"arguments\":\"{oops\"}}]}}",
        "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[{\"id\":\"1\",\"function\":{\"name\":\"check_availability\",\"arguments\":{\"date\":{\"$gt\":\"\"}}}}]}}",
        "{\"message\":{\"type\":\"function-call\"}}",
        "{\"message\":{\"type\":\"function-call\",\"functionCall\":{\"name\":null,\"parameters\":[]}}}",
        "{\"message\":{\"type\":7,\"call\":\"x\"}}"
    })
    void malformedToolCallsAreAnsweredNever5xx(String body) throws Exception {
        HttpResponse<String> response = webhook(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("Exception", "at io.", "at org.");
        JSON.readTree(response.body());
    }

    @Test
    void deeplyNestedAndHugeBodiesNever5xx() {
        String deep = "{\"message\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        String huge = VapiPayloads.toolCall("h", "check_availability", "{\"date\":\"" + "9".repeat(200_000) + "\"}");

        assertThat(webhook(deep).statusCode()).isEqualTo(400);
        HttpResponse<String> response = webhook(huge);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("I didn't catch a valid date");
    }

    @Test
    void otherContentTypesAndMethodsAreRefusedWithoutA5xx() {
        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(baseUrl() + WEBHOOK))
                .header("x-vapi-secret", SECRET)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")).build());
        HttpResponse<String> get = httpGet(WEBHOOK, "x-vapi-secret", SECRET);

        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(form.body() + get.body()).doesNotContain("Exception", "trace");
    }

    @Test
    void healthHasTheDatasheetsShape() throws Exception {
        JsonNode health = JSON.readTree(httpGet("/health").body());

        assertThat(health.get("status").asText()).isEqualTo("healthy");
        assertThat(health.get("version").asText()).isEqualTo("1.0.0");
        assertThat(health.get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    }

    @Test
    void everyRouteRunsUnderItsOwnExplicitId() {
        List<String> ids = camel.getRoutes().stream().map(Route::getRouteId).toList();

        assertThat(ids).contains("vapi-webhook", "tool-call", "check-availability", "calendar-availabilities",
                "book-appointment", "transfer-to-agent");
        assertThat(ids).noneMatch(id -> id.matches("route\\d+"));
    }

    private static List<String> slots(JsonNode result) {
        return JSON.convertValue(result.get("slots"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private List<String> sandboxAvailabilities(LocalDate date) throws Exception {
        String basic = Base64.getEncoder().encodeToString("sandbox:sandbox".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = httpGet("/sandbox/easyappointments/index.php/api/v1/availabilities?providerId=2&serviceId=1&date="
                + date, "Authorization", "Basic " + basic);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readValue(response.body(), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private static LocalDate nextWeekday() {
        return Weekdays.onOrAfter(LocalDate.now(LONDON).plusDays(1));
    }
}

package io.github.vapireceptionist.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What an operator sees after real webhook calls: the named series in /actuator/prometheus (on the
 * management port only), JSON log lines with the call's correlation id and no raw personal data, and
 * the access log. Metrics accumulate over the tests of this context, so each test compares before and after.
 */
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends AppTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String EMAIL = "grace.hopper@example.com";
    private static final String PHONE_DIGITS = "7123456789";

    @Autowired
    org.apache.camel.CamelContext camel;

    @Value("${local.management.port}")
    int managementPort;

    @Value("${log.access.directory}")
    String accessLogDirectory;

    @Autowired
    SandboxCalendar sandbox;

    @Autowired
    BookingReplays replays;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    /** Logging is set up once per JVM; this context's must be the app's own (JSON), whatever ran before. */
    @BeforeAll
    static void loggingSetUpByThisContext() {
        LoggingSystem.get(ObservabilityTest.class.getClassLoader()).cleanUp();
    }

    @BeforeEach
    void emptyCalendar() {
        sandbox.reset();
        replays.clear();
    }

    // --- metrics --------------------------------------------------------------------------------

    @Test
    void everyRouteInRoutesIsVisibleByItsId() throws IOException {
        Metrics metrics = scrape();
        List<String> routeIds = routeIds();
        assertThat(routeIds).contains("vapi-webhook", "tool-call", "book-appointment", "calendar-availabilities");
        // the GDPR admin API's routes start only with ADMIN_API_TOKEN set (not in this test)
        List<String> started = routeIds.stream()
                .filter(id -> camel.getRouteController().getRouteStatus(id).isStarted()).toList();
        assertThat(routeIds).filteredOn(id -> !started.contains(id)).allMatch(id -> id.startsWith("admin-"));
        for (String routeId : started) {
            assertThat(metrics.has("camel_exchanges_total", "routeId", routeId)).as("camel_exchanges_total of " + routeId).isTrue();
        }
    }

    @Test
    void aBookingMovesTheToolCallCalendarBookingAndRouteSeries() {
        Metrics before = scrape();

        String callId = "call-" + UUID.randomUUID();
        assertThat(book(callId, "tc-metrics-1", "10:00").statusCode()).isEqualTo(200);
        assertThat(book(callId, "tc-metrics-1", "10:00").statusCode()).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> {
            Metrics now = scrape();
            assertThat(now.delta(before, "confirmations_total", "channel", "sms", "outcome", "dry_run")).isEqualTo(1);
            assertThat(now.delta(before, "camel_exchanges_total", "routeId", "send-confirmation")).isEqualTo(1);
        });
        Metrics after = scrape();
        assertThat(after.delta(before, "tool_calls_seconds_count", "function", "book_appointment", "outcome", "success")).isEqualTo(2);
        assertThat(after.series("tool_calls_seconds_bucket", "function", "book_appointment", "outcome", "success"))
                .as("histogram buckets for p50/p99").isGreaterThan(10);
        assertThat(after.delta(before, "bookings_total", "outcome", "booked")).isEqualTo(1);
        assertThat(after.delta(before, "bookings_total", "outcome", "replayed")).isEqualTo(1);
        assertThat(after.delta(before, "calendar_requests_seconds_count", "operation", "create-appointment", "outcome", "success"))
                .isEqualTo(1);
        assertThat(after.delta(before, "calendar_requests_seconds_count", "operation", "availabilities", "outcome", "success"))
                .isEqualTo(1);
        assertThat(after.has("calendar_requests_seconds_bucket", "operation", "create-appointment")).isTrue();
        assertThat(after.delta(before, "camel_route_policy_seconds_count", "routeId", "book-appointment")).isEqualTo(2);
    }

    @Test
    void failedToolCallsAreCountedByWhatWentWrong() {
        Metrics before = scrape();

        webhook(VapiPayloads.toolCall("tc-bad-date", "check_availability", "{\"date\":\"not a date\"}"));
        webhook(VapiPayloads.toolCall("tc-unknown", "order_pizza", "{}"));
        webhook(VapiPayloads.toolCall("tc-transfer", "transfer_to_agent", "{\"reason\":\"call me on 07123 456789\"}"));
        httpPost(WEBHOOK, VapiPayloads.notification("status-update"), "x-vapi-secret", "wrong");

        Metrics after = scrape();
        assertThat(after.delta(before, "tool_calls_seconds_count", "function", "check_availability", "outcome", "validation_error"))
                .isEqualTo(1);
        assertThat(after.delta(before, "tool_calls_seconds_count", "function", "unknown", "outcome", "unknown_function")).isEqualTo(1);
        assertThat(after.has("tool_calls_seconds_count", "function", "order_pizza")).as("a caller's word is never a tag").isFalse();
        assertThat(after.delta(before, "tool_calls_seconds_count", "function", "transfer_to_agent", "outcome", "declined")).isEqualTo(1);
        assertThat(after.delta(before, "transfers_total", "via", "tool", "outcome", "refused", "reason", "disabled")).isEqualTo(1);
        assertThat(after.delta(before, "webhook_rejections_total", "reason", "unauthorized")).isEqualTo(1);
    }

    @Test
    void anEndOfCallReportCountsTheCallItsDurationAndCostAndIsAnsweredWithAnEmptyObject() {
        Metrics before = scrape();

        HttpResponse<String> transferred = webhook(endOfCallReport("call-" + UUID.randomUUID(), "assistant-forwarded-call",
                "\"startedAt\":\"2026-11-20T10:00:00.000Z\",\"endedAt\":\"2026-11-20T10:03:30.500Z\",\"cost\":0.1234"));
        HttpResponse<String> hungUp = webhook(endOfCallReport("call-" + UUID.randomUUID(), "customer-ended-call", "\"cost\":\"oops\""));

        assertThat(transferred.statusCode()).isEqualTo(200);
        assertThat(transferred.body()).isEqualTo("{}");
        assertThat(hungUp.body()).isEqualTo("{}");
        Metrics after = scrape();
        assertThat(after.delta(before, "calls_total", "ended_reason", "transferred")).isEqualTo(1);
        assertThat(after.delta(before, "calls_total", "ended_reason", "customer_ended")).isEqualTo(1);
        assertThat(after.delta(before, "call_duration_seconds_count", "ended_reason", "transferred")).isEqualTo(1);
        assertThat(after.delta(before, "call_duration_seconds_sum", "ended_reason", "transferred")).isEqualTo(210.5);
        assertThat(after.delta(before, "call_duration_seconds_count", "ended_reason", "customer_ended"))
                .as("no timestamps, no duration").isZero();
        assertThat(after.delta(before, "call_cost_usd_sum")).isEqualTo(0.1234);
        assertThat(after.delta(before, "call_cost_usd_count")).as("an unreadable cost is not counted").isEqualTo(1);
    }

    @Test
    void metricsAndActuatorAreOnTheManagementPortOnly() {
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness", "/actuator")) {
            assertThat(httpGet(path).statusCode()).as("public port " + path).isEqualTo(404);
        }
        assertThat(httpGet("/health").body()).contains("\"status\":\"healthy\"");

        HttpResponse<String> readiness = management("/actuator/health/readiness");
        HttpResponse<String> liveness = management("/actuator/health/liveness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(management("/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws IOException {
        String callId = "call-" + UUID.randomUUID();
        book(callId, "tc-dashboard", "11:00");
        webhook(VapiPayloads.toolCall("tc-dashboard-transfer", "transfer_to_agent", "{}"));
        webhook(endOfCallReport(callId, "assistant-forwarded-call",
                "\"startedAt\":\"2026-11-20T10:00:00Z\",\"endedAt\":\"2026-11-20T10:01:00Z\",\"cost\":0.05"));
        httpPost(WEBHOOK, "{}", "x-vapi-secret", "wrong");
        await().atMost(WAIT).until(() -> scrape().has("confirmations_total"));

        Set<String> queried = dashboardMetricNames();
        assertThat(queried).contains("tool_calls_seconds_bucket", "calendar_requests_seconds_bucket", "calls_total",
                "camel_route_policy_seconds_bucket", "confirmations_total", "transfers_total");
        Metrics exposed = scrape();
        for (String name : queried) {
            assertThat(exposed.has(name)).as("the dashboard queries " + name).isTrue();
        }
    }

    // --- logs -------------------------------------------------------------------------------------

    @Test
    void aBookingIsLoggedAsJsonLinesWithTheCallsCorrelationIdAndNoRawPersonalData(CapturedOutput output) throws Exception {
        String callId = "call-" + UUID.randomUUID();
        assertThat(book(callId, "tc-log-1", "14:00").statusCode()).isEqualTo(200);
        // the confirmation runs on the wire tap's thread; its line must name the call too
        await().atMost(WAIT).until(() -> output.getOut().contains("confirmation_dry_run"));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.getOut().split("\\R")) {
            if (line.contains(callId)) {
                lines.add(JSON.readTree(line));
            }
        }
        JsonNode booked = lines.stream().filter(line -> "appointment_booked".equals(line.path("event").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no appointment_booked line in " + output.getOut()));
        assertThat(booked.path("level").asText()).isEqualTo("INFO");
        assertThat(booked.path("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(booked.path("appointment_id").isInt()).isTrue();
        assertThat(booked.path("date").asText()).isEqualTo(day.toString());
        assertThat(booked.path("time").asText()).isEqualTo("14:00");
        assertThat(booked.path("email").asText()).isEqualTo("g***@example.com");
        assertThat(booked.path("correlation_id").asText()).isEqualTo(callId);
        assertThat(booked.path("call_id").asText()).isEqualTo(callId);
        assertThat(booked.path("tool_call_id").asText()).isEqualTo("tc-log-1");
        assertThat(booked.path("function").asText()).isEqualTo("book_appointment");

        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("event").asText()).isEqualTo("confirmation_dry_run");
            assertThat(line.path("thread").asText()).isNotEqualTo(booked.path("thread").asText());
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("event").asText()).isEqualTo("tool_call");
            assertThat(line.path("outcome").asText()).isEqualTo("success");
            assertThat(line.path("duration_ms").isNumber()).isTrue();
        });
        assertThat(output.getOut()).doesNotContain(EMAIL).doesNotContain(PHONE_DIGITS).doesNotContain("07123 456789")
                .doesNotContain("7700900123");
    }

    @Test
    void theAccessLogHasALinePerWebhookRequestWithStatusLatencyAndCallIdButNoBody() throws IOException {
        String callId = "call-" + UUID.randomUUID();
        book(callId, "tc-access-1", "15:00");
        httpPost(WEBHOOK, endOfCallReport(callId, "customer-ended-call", ""), "x-vapi-secret", "wrong");

        Path accessLog = Path.of(accessLogDirectory, "access.log");
        await().atMost(WAIT).untilAsserted(() -> assertThat(linesWith(accessLog, callId)).hasSize(1));
        JsonNode served = linesWith(accessLog, callId).get(0);
        assertThat(served.path("event").asText()).isEqualTo("webhook_request");
        assertThat(served.path("status").asInt()).isEqualTo(200);
        assertThat(served.path("method").asText()).isEqualTo("POST");
        assertThat(served.path("path").asText()).isEqualTo(WEBHOOK);
        assertThat(served.path("client_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(served.path("duration_ms").isNumber()).isTrue();
        assertThat(served.path("correlation_id").asText()).isEqualTo(callId);
        assertThat(served.toString()).doesNotContain("grace").doesNotContain(PHONE_DIGITS).doesNotContain("book_appointment");
        await().atMost(WAIT).untilAsserted(() -> assertThat(readLines(accessLog))
                .anySatisfy(line -> assertThat(line.path("status").asInt()).isEqualTo(401)));
    }

    // --- helpers ----------------------------------------------------------------------------------

    private HttpResponse<String> book(String callId, String toolCallId, String time) {
        return webhook("{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[{\"id\":\"" + toolCallId
                + "\",\"type\":\"function\",\"function\":{\"name\":\"book_appointment\",\"arguments\":{\"date\":\"" + day
                + "\",\"time\":\"" + time + "\",\"first_name\":\"Grace\",\"last_name\":\"Hopper\",\"email\":\"" + EMAIL
                + "\",\"phone\":\"07123 456789\"}}}],\"call\":{\"id\":\"" + callId
                + "\",\"customer\":{\"number\":\"+447700900123\"}}}}");
    }

    private static String endOfCallReport(String callId, String endedReason, String fields) {
        return "{\"message\":{\"type\":\"end-of-call-report\",\"endedReason\":\"" + endedReason + "\""
                + (fields.isEmpty() ? "" : "," + fields) + ",\"call\":{\"id\":\"" + callId + "\"},"
                + "\"artifact\":{\"transcript\":\"AI: Hello. User: my email is grace.hopper@example.com\"}}}";
    }

    private HttpResponse<String> management(String path) {
        return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofSeconds(20)).GET().build());
    }

    private Metrics scrape() {
        HttpResponse<String> response = management("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return new Metrics(response.body());
    }

    private static List<JsonNode> linesWith(Path file, String text) throws IOException {
        return readLines(file).stream().filter(line -> line.toString().contains(text)).toList();
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** A flow file's route is named for the file; a template file's routes are its templatedRoutes' routeIds. */
    private static List<String> routeIds() throws IOException {
        Pattern templatedRouteId = Pattern.compile("(?m)^    routeId: (\\S+)$");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.filter(file -> file.toString().endsWith(".camel.yaml"))
                    .flatMap(file -> read(file).contains("- route:")
                            ? Stream.of(file.getFileName().toString().replace(".camel.yaml", ""))
                            : templatedRouteId.matcher(read(file)).results().map(match -> match.group(1)))
                    .sorted().toList();
        }
    }

    /** Every metric name a dashboard panel queries: the names right before a label selector. */
    static Set<String> dashboardMetricNames() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern selector = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
        try (Stream<Path> dashboards = Files.list(Path.of("deploy/grafana/dashboards"))) {
            for (Path dashboard : dashboards.filter(file -> file.toString().endsWith(".json")).toList()) {
                for (JsonNode expr : JSON.readTree(dashboard.toFile()).findValues("expr")) {
                    Matcher matcher = selector.matcher(expr.asText());
                    while (matcher.find()) {
                        names.add(matcher.group(1));
                    }
                }
            }
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }


    /** The Prometheus text format, read as samples: a name, its labels, a value. */
    record Metrics(List<Sample> samples) {

        private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        record Sample(String name, java.util.Map<String, String> labels, double value) {
        }

        Metrics(String text) {
            this(parse(text));
        }

        private static List<Sample> parse(String text) {
            List<Sample> samples = new ArrayList<>();
            for (String line : text.split("\\R")) {
                Matcher matcher = LINE.matcher(line);
                if (line.startsWith("#") || !matcher.matches()) {
                    continue;
                }
                java.util.Map<String, String> labels = new java.util.HashMap<>();
                if (matcher.group(3) != null) {
                    Matcher label = LABEL.matcher(matcher.group(3));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
            }
            return samples;
        }

        private Stream<Sample> matching(String name, String... labels) {
            return samples.stream().filter(sample -> sample.name().equals(name)).filter(sample -> {
                for (int i = 0; i < labels.length; i += 2) {
                    if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                        return false;
                    }
                }
                return true;
            });
        }

        long series(String name, String... labels) {
            return matching(name, labels).count();
        }

        boolean has(String name, String... labels) {
            return matching(name, labels).findAny().isPresent();
        }

        double sum(String name, String... labels) {
            return matching(name, labels).mapToDouble(Sample::value).sum();
        }

        /** How much the matching series grew since {@code before}, rounded against float noise. */
        double delta(Metrics before, String name, String... labels) {
            return Math.round((sum(name, labels) - before.sum(name, labels)) * 1e6) / 1e6;
        }
    }
}

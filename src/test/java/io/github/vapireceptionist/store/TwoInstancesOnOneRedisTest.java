package io.github.vapireceptionist.store;

import static io.github.vapireceptionist.support.SandboxSeed.appointment;
import static io.github.vapireceptionist.support.SandboxSeed.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.Application;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.core.ToolDecision;
import io.github.vapireceptionist.notify.Confirmation;
import io.github.vapireceptionist.notify.Confirmations;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.RawHttp;
import io.github.vapireceptionist.support.RedisServer;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * Two instances of the app on one redis-server and one calendar, as behind a load balancer: this test's
 * app (A, which also serves the sandbox calendar) and a second one started beside it (B, booking into A's
 * sandbox over HTTP). What one instance remembered, counted or claimed holds at the other; with Redis
 * stopped, calls go on and the calendar still keeps every booking once.
 */
@TestPropertySource(properties = {"rate-limit.requests=3", "rate-limit.period=3600"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class TwoInstancesOnOneRedisTest extends AppTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADA_NUMBER = "+447911123456";
    private static RedisServer redis;
    private static ConfigurableApplicationContext instanceB;

    @Autowired
    SandboxCalendar sandbox;

    @Autowired
    MeterRegistry metersA;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        redis = RedisServer.start();
        registry.add("shared-store.redis-url", redis::url);
    }

    @BeforeEach
    void startInstanceB() {
        if (instanceB == null) {
            instanceB = new SpringApplicationBuilder(Application.class).run(
                    "--server.port=" + TestSocketUtils.findAvailableTcpPort(),
                    "--webhook.secret=" + SECRET,
                    "--rate-limit.requests=3", "--rate-limit.period=3600",
                    "--shared-store.redis-url=" + redis.url(),
                    "--easyappointments.base-url=" + baseUrl() + "/sandbox/easyappointments");
        }
    }

    @AfterAll
    static void stopInstanceBAndRedis() {
        if (instanceB != null) {
            instanceB.close();
        }
        redis.close();
    }

    @Test
    @Order(1)
    void aCancellationAnsweredByOneInstanceIsRememberedByTheOther() throws Exception {
        int reference = appointment(sandbox, day, customer(sandbox, "Ada", "ada@example.com", "07911 123456"), "10:00");
        String confirm = "{\"appointment_ref\":\"" + reference + "\",\"confirm\":true}";

        HttpResponse<String> atA = call(portA(), ADA_NUMBER, "cancel-1", "cancel_appointment", confirm);
        JsonNode cancelled = toolResult(atA);
        assertThat(cancelled.get("changed").asBoolean()).isTrue();
        assertThat(sandbox.appointment(reference)).as("deleted: the calendar no longer knows it").isEmpty();

        assertThat(call(portB(), ADA_NUMBER, "cancel-1", "cancel_appointment", confirm).body())
                .as("the same tool call re-sent to B").isEqualTo(atA.body());
        JsonNode askedAgainAtB = toolResult(call(portB(), ADA_NUMBER, "cancel-2", "cancel_appointment", confirm));
        assertThat(askedAgainAtB).as("a new call asking the same of B").isEqualTo(cancelled);
        await().atMost(Duration.ofSeconds(10)).until(() -> confirmations(metersA) == 1);
        assertThat(confirmations(metersB())).as("B confirmed nothing").isZero();
    }

    @Test
    @Order(2)
    void theSelfServiceAttemptLimitCountsAcrossBothInstances() throws Exception {
        String prober = "+447911888888";
        for (int i = 0; i < 8; i++) {
            int port = i % 2 == 0 ? portA() : portB();
            assertThat(toolError(call(port, prober, "probe-" + i, "find_appointment", "{\"email\":\"guess" + i + "@example.com\"}")))
                    .as("attempt %d", i + 1).startsWith("I can't find a booking");
        }

        assertThat(toolError(call(portA(), prober, "probe-8", "find_appointment", "{\"email\":\"ada@example.com\"}")))
                .as("the ninth, four of the eight having gone to the other instance").startsWith("I can't look up any more bookings");
        assertThat(toolError(call(portB(), prober, "probe-9", "find_appointment", "{\"email\":\"ada@example.com\"}")))
                .startsWith("I can't look up any more bookings");
    }

    @Test
    @Order(3)
    void theFailedAuthenticationLimitCountsAcrossBothInstances() {
        String client = "127.0.0.6";
        String status = VapiPayloads.notification("status-update");

        assertThat(RawHttp.request(client, portA(), "POST", WEBHOOK, status, "x-vapi-secret", "wrong").status()).isEqualTo(401);
        assertThat(RawHttp.request(client, portB(), "POST", WEBHOOK, status, "x-vapi-secret", "wrong").status()).isEqualTo(401);
        assertThat(RawHttp.request(client, portA(), "POST", WEBHOOK, status, "x-vapi-secret", "wrong").status()).isEqualTo(401);

        assertThat(RawHttp.request(client, portB(), "POST", WEBHOOK, status, "x-vapi-secret", "wrong").status())
                .as("the fourth failure, at B, two of the three having been at A").isEqualTo(429);
        assertThat(RawHttp.request(client, portA(), "POST", WEBHOOK, status, "x-vapi-secret", "wrong").status()).isEqualTo(429);
    }

    @Test
    @Order(4)
    void aBookingReSentToTheOtherInstanceIsConfirmedOnce() throws Exception {
        double before = confirmations(metersA) + confirmations(metersB());
        HttpResponse<String> atA = book(portA(), "book-1", "11:00", "bo@example.com");
        int booked = toolResult(atA).get("appointment_id").asInt();
        await().atMost(Duration.ofSeconds(10)).until(() -> confirmations(metersA) + confirmations(metersB()) == before + 1);

        assertThat(book(portB(), "book-1", "11:00", "bo@example.com").body()).as("re-sent to B: the same answer").isEqualTo(atA.body());

        // the same kept booking reaching B's confirmation stage (as when both instances worked on it at once):
        // A claimed it, so B sends nothing; a change nobody claimed yet, B sends
        Confirmations atB = instanceB.getBean(Confirmations.class);
        Confirmation sameBooking = atB.prepare(booked, day.atTime(11, 0), day.atTime(11, 30), "Bo", "Lovelace", "+447911123457",
                "bo@example.com");
        try (LogCapture logs = LogCapture.start()) {
            confirmChangeAtB(sameBooking);
            assertThat(logs.text()).as("B's confirmation stage skipped it").contains("confirmation_already_sent appointment_id=" + booked);
        }
        Confirmation anotherChange = atB.prepare(booked + 1000, day.atTime(12, 0), day.atTime(12, 30), "Cy", "Lovelace",
                "+447911123458", null);
        confirmChangeAtB(anotherChange);
        await().atMost(Duration.ofSeconds(10)).until(() -> anotherChange.accepted().isDone());
        await().atMost(Duration.ofSeconds(10)).until(() -> confirmations(metersB()) == 1);
        assertThat(sameBooking.accepted()).as("never handed to a channel").isNotDone();
        assertThat(confirmations(metersA) + confirmations(metersB())).isEqualTo(before + 2);
    }

    @Test
    @Order(5)
    void withRedisStoppedCallsGoOnAndTheCalendarStillKeepsEachBookingOnce() throws Exception {
        redis.stop();
        try {
            HttpResponse<String> atA = book(portA(), "outage-1", "15:00", "dee@example.com");
            int booked = toolResult(atA).get("appointment_id").asInt();

            JsonNode resentToB = toolResult(book(portB(), "outage-1", "15:00", "dee@example.com"));
            assertThat(resentToB.get("appointment_id").asInt()).as("B cannot know A's answer, but finds the booking in the calendar")
                    .isEqualTo(booked);
            assertThat(resentToB.get("already_booked").asBoolean()).isTrue();
            String someoneElse = JSON.readTree(book(portB(), "outage-2", "15:00", "eve@example.com").body())
                    .at("/results/0/error").asText();
            assertThat(someoneElse).startsWith("That time isn't free");
            assertThat(sandbox.appointments(Map.of("date", day.toString())))
                    .filteredOn(a -> a.start().equals(day + " 15:00:00")).hasSize(1);
            assertThat(fallbacks(metersA) + fallbacks(metersB())).as("answered from memory, counted").isPositive();
        } finally {
            redis.startAgain();
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    /** B's confirm-change stage, as its book, cancel and reschedule routes reach it. */
    private static void confirmChangeAtB(Confirmation confirmation) {
        CamelContext camel = instanceB.getBean(CamelContext.class);
        Exchange exchange = new DefaultExchange(camel);
        ToolDecision decision = new ToolDecision();
        decision.decide(ToolAnswer.success(Map.of("success", true)));
        exchange.setProperty("confirmation", confirmation);
        exchange.setProperty(ToolDecision.PROPERTY, decision);
        try (ProducerTemplate producer = camel.createProducerTemplate()) {
            producer.send("direct:confirm-change", exchange);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(exchange.getException()).isNull();
    }

    private MeterRegistry metersB() {
        return instanceB.getBean(MeterRegistry.class);
    }

    private static double confirmations(MeterRegistry meters) {
        return meters.find("confirmations").tag("outcome", "dry_run").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double fallbacks(MeterRegistry meters) {
        return meters.find("shared.store.fallbacks").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private int portA() {
        return URI.create(baseUrl()).getPort();
    }

    private static int portB() {
        return Integer.parseInt(instanceB.getEnvironment().getProperty("local.server.port"));
    }

    private HttpResponse<String> book(int port, String toolCallId, String time, String email) {
        return post(port, VapiPayloads.toolCall(toolCallId, "book_appointment", "{\"date\":\"" + day + "\",\"time\":\"" + time
                + "\",\"first_name\":\"Bo\",\"last_name\":\"Lovelace\",\"email\":\"" + email + "\",\"phone\":\"07911 123457\"}"));
    }

    private HttpResponse<String> call(int port, String number, String toolCallId, String function, String arguments) {
        return post(port, VapiPayloads.toolCallFrom(number, toolCallId, function, arguments));
    }

    private static HttpResponse<String> post(int port, String body) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + WEBHOOK))
                            .timeout(Duration.ofSeconds(20))
                            .header("Content-Type", "application/json").header("x-vapi-secret", SECRET)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.github.vapireceptionist.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.Application;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

/**
 * Booking as a caller does it, over HTTP, against the sandbox calendar, which, like the real one,
 * accepts two appointments in one slot: the protection under test is the backend's own.
 */
class BookingEndToEndTest extends AppTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    SandboxCalendar sandbox;

    @Autowired
    BookingReplays replays;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    @BeforeEach
    void emptyCalendar() {
        sandbox.reset();
        replays.clear();
    }

    @Test
    void aBookingLandsInTheCalendarAtTheLocalTimeForTheRightCustomer() throws Exception {
        JsonNode result = result(book(webhookUrl(), "tc-e2e-1", "10:30", "Ada@Example.com", "Ada"));

        List<SandboxCalendar.Appointment> appointments = sandbox.appointments(Map.of("date", day.toString()));
        assertThat(appointments).hasSize(1);
        SandboxCalendar.Appointment booked = appointments.get(0);
        assertThat(result.get("appointment_id").asInt()).isEqualTo(booked.id());
        assertThat(booked.start()).isEqualTo(day + " 10:30:00");
        assertThat(booked.end()).isEqualTo(day + " 11:00:00");
        SandboxCalendar.Customer customer = sandbox.customer(booked.customerId()).orElseThrow();
        assertThat(customer.email()).isEqualTo("ada@example.com");
        assertThat(customer.phone()).isEqualTo("+447123456789");
        assertThat(customer.firstName()).isEqualTo("Ada");
    }

    @Test
    void tenCallersRacingForOneSlotMakeExactlyOneAppointment() throws Exception {
        int callers = 10;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int caller = i;
            answers.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return book(webhookUrl(), "race-" + caller, "14:00", "racer" + caller + "@example.com", "Racer");
            }, pool));
        }
        start.countDown();
        List<String> bodies = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            bodies.add(response.body());
        }
        pool.shutdown();

        assertThat(bodies.stream().filter(b -> b.contains("\\\"success\\\":true"))).hasSize(1);
        assertThat(bodies.stream().filter(b -> b.contains("\"error\""))).hasSize(callers - 1)
                .allMatch(b -> b.contains("That time isn't free") || b.contains("That time was just taken"));
        assertThat(sandbox.appointments(Map.of("date", day.toString())))
                .filteredOn(a -> a.start().equals(day + " 14:00:00")).hasSize(1);
    }

    @Test
    void aResentToolCallBooksOnceAndGetsTheSameAnswer() throws Exception {
        HttpResponse<String> first = book(webhookUrl(), "tc-e2e-2", "11:00", "bo@example.com", "Bo");
        HttpResponse<String> again = book(webhookUrl(), "tc-e2e-2", "11:00", "bo@example.com", "Bo");

        assertThat(again.body()).isEqualTo(first.body());
        assertThat(sandbox.appointments(Map.of("date", day.toString()))).hasSize(1);
    }

    @Test
    void afterARestartAnotherInstanceFindsTheBookingInTheCalendar() throws Exception {
        JsonNode first = result(book(webhookUrl(), "tc-e2e-3", "15:00", "cy@example.com", "Cy"));

        int port = TestSocketUtils.findAvailableTcpPort();
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(Application.class).run(
                "--server.port=" + port,
                "--webhook.secret=" + SECRET,
                "--easyappointments.base-url=" + baseUrl() + "/sandbox/easyappointments")) {
            String other = "http://127.0.0.1:" + port + WEBHOOK;
            JsonNode replayed = result(book(other, "tc-e2e-3", "15:00", "cy@example.com", "Cy"));
            JsonNode racedFromTheOtherInstance = JSON.readTree(book(other, "tc-e2e-4", "15:00", "dee@example.com", "Dee").body());

            assertThat(replayed.get("appointment_id").asInt()).isEqualTo(first.get("appointment_id").asInt());
            assertThat(replayed.get("already_booked").asBoolean()).isTrue();
            assertThat(racedFromTheOtherInstance.at("/results/0/error").asText()).startsWith("That time isn't free");
        }
        assertThat(sandbox.appointments(Map.of("date", day.toString()))).hasSize(1);
    }

    @Test
    void badInputLeavesTheCalendarUntouched() throws Exception {
        for (String arguments : List.of(
                "{}",
                "{\"date\":\"" + day + "\",\"time\":\"10:00\",\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"not-an-email\"}",
                "{\"date\":\"" + day + "\",\"time\":\"26:00\",\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"a@b.co\"}",
                "{\"date\":\"" + day + "\",\"time\":\"10:00\",\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"a@b.co\",\"phone\":\"12\"}",
                "{\"date\":\"2001-01-01\",\"time\":\"10:00\",\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"a@b.co\"}")) {
            HttpResponse<String> response = webhook(VapiPayloads.toolCall("bad", "book_appointment", arguments));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).at("/results/0/error").asText()).isNotBlank();
        }

        assertThat(sandbox.customers(Map.of())).isEmpty();
        assertThat(sandbox.appointments(Map.of())).isEmpty();
    }

    private String webhookUrl() {
        return baseUrl() + WEBHOOK;
    }

    private HttpResponse<String> book(String url, String toolCallId, String time, String email, String firstName) {
        String body = VapiPayloads.toolCall(toolCallId, "book_appointment", "{\"date\":\"" + day + "\",\"time\":\"" + time
                + "\",\"first_name\":\"" + firstName + "\",\"last_name\":\"Lovelace\",\"email\":\"" + email
                + "\",\"phone\":\"07123 456789\"}");
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").header("x-vapi-secret", SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode result(HttpResponse<String> response) throws Exception {
        JsonNode call = JSON.readTree(response.body()).at("/results/0");
        assertThat(call.has("result")).as(response.body()).isTrue();
        return JSON.readTree(call.get("result").asText());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}

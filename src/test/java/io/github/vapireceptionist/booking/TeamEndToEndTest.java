package io.github.vapireceptionist.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.availability.SpokenDates;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.VapiPayloads;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
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

/**
 * Several people and services on the sandbox's clinic, driven over HTTP as Vapi drives it: Jane (2) does service 1,
 * María López (32) service 1 and the 60-minute assessment (not on Wednesdays), Ben Okafor (33) the assessment and
 * the 15-minute follow-up.
 */
class TeamEndToEndTest extends AppTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate MONDAY = LocalDate.now(ZoneId.of("Europe/London")).plusDays(2)
            .with(TemporalAdjusters.next(DayOfWeek.MONDAY));

    @Autowired
    SandboxCalendar sandbox;

    @Autowired
    BookingReplays replays;

    @BeforeEach
    void emptyCalendar() {
        sandbox.reset();
        replays.clear();
    }

    @Test
    void listsWhatTheClinicOffers() throws Exception {
        JsonNode answer = result(call("ls", "list_services", "{}"));
        assertThat(answer.get("message").asText()).isEqualTo("We offer Service (30 minutes, with Jane or María), "
                + "Full assessment (an hour, £65, with María or Ben) and Follow-up (15 minutes, £30, with Ben).");
    }

    @Test
    void aNamedServiceWithANamedPersonLandsWithThemForTheServicesLength() throws Exception {
        JsonNode times = result(call("c1", "check_availability", "{\"date\":\"" + MONDAY + "\",\"service\":\"follow up\",\"provider\":\"ben\"}"));
        assertThat(times.get("slots").get(0).asText()).as("Ben starts at 08:00").isEqualTo("08:00");

        JsonNode booked;
        try (LogCapture logs = LogCapture.start()) {
            booked = result(book("b1", "08:00", "ada@example.com", "\"service\":\"follow-up\",\"provider\":\"Ben Okafor\""));
            await().atMost(Duration.ofSeconds(10)).until(() -> logs.text().contains("confirmation_dry_run"));
            assertThat(logs.text()).contains("you're booked for Follow-up with Ben Okafor on " + SpokenDates.day(MONDAY) + " at 08:00.");
        }

        SandboxCalendar.Appointment appointment = sandbox.appointment(booked.get("appointment_id").asInt()).orElseThrow();
        assertThat(appointment.providerId()).isEqualTo(SandboxCalendar.BEN_ID);
        assertThat(appointment.serviceId()).isEqualTo(SandboxCalendar.FOLLOW_UP_ID);
        assertThat(appointment.start()).isEqualTo(MONDAY + " 08:00:00");
        assertThat(appointment.end()).isEqualTo(MONDAY + " 08:15:00");
        assertThat(booked.get("message").asText()).startsWith("You're booked in for Follow-up with Ben Okafor on ");
    }

    @Test
    void anyoneOffersTheTimesAnyoneOfferingItIsFreeAndAPersonWithADifferentWeekIsLeftOutOnTheirDayOff() throws Exception {
        JsonNode monday = result(call("c2", "check_availability", "{\"date\":\"" + MONDAY + "\",\"service\":\"assessment\"}"));
        assertThat(monday.get("slots").get(0).asText()).as("Ben from 08:00").isEqualTo("08:00");
        assertThat(monday.get("slots")).extracting(JsonNode::asText).as("María until 17:00").contains("17:00");

        LocalDate wednesday = MONDAY.plusDays(2);
        JsonNode withMaria = result(call("c3", "check_availability", "{\"date\":\"" + wednesday + "\",\"service\":\"assessment\",\"provider\":\"maria\"}"));
        assertThat(withMaria.get("slots")).as("María's day off").isEmpty();
    }

    @Test
    void callersRacingForOnePersonsSlotLeaveOneAppointment() throws Exception {
        List<String> bodies = race(6, "\"service\":\"assessment\",\"provider\":\"Ben\"");

        assertThat(bodies.stream().filter(b -> b.contains("\\\"success\\\":true"))).hasSize(1);
        assertThat(sandbox.appointments(Map.of("date", MONDAY.toString()))).hasSize(1);
    }

    @Test
    void twoCallersForTheSameTimeWithAnyoneAreBothBookedWithDifferentPeople() throws Exception {
        List<String> bodies = race(2, "\"service\":\"assessment\"");

        assertThat(bodies).as("both booked").allMatch(b -> b.contains("\\\"success\\\":true"));
        assertThat(sandbox.appointments(Map.of("date", MONDAY.toString())))
                .extracting(SandboxCalendar.Appointment::providerId)
                .containsExactlyInAnyOrder(SandboxCalendar.MARIA_ID, SandboxCalendar.BEN_ID);
        assertThat(sandbox.appointments(Map.of("date", MONDAY.toString())))
                .allSatisfy(a -> assertThat(a.end()).isEqualTo(MONDAY + " 11:00:00"));
    }

    private List<String> race(int callers, String team) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int caller = i;
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return book("race-" + caller, "10:00", "racer" + caller + "@example.com", team);
            }, pool));
        }
        start.countDown();
        List<String> bodies = new ArrayList<>();
        for (CompletableFuture<String> answer : answers) {
            bodies.add(answer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return bodies;
    }

    private String book(String id, String time, String email, String team) {
        return call(id, "book_appointment", "{\"date\":\"" + MONDAY + "\",\"time\":\"" + time + "\",\"first_name\":\"Ada\","
                + "\"last_name\":\"Lovelace\",\"email\":\"" + email + "\",\"phone\":\"07123 456789\"," + team + "}");
    }

    private String call(String id, String function, String arguments) {
        return webhook(VapiPayloads.toolCall(id, function, arguments)).body();
    }

    private static JsonNode result(String body) throws Exception {
        JsonNode call = JSON.readTree(body).at("/results/0");
        assertThat(call.has("result")).as(body).isTrue();
        return JSON.readTree(call.get("result").asText());
    }
}

package io.github.vapireceptionist.selfservice;

import static io.github.vapireceptionist.support.SandboxSeed.appointment;
import static io.github.vapireceptionist.support.SandboxSeed.customer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
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

/**
 * Find, cancel and reschedule as callers do them, over HTTP, against the sandbox calendar, which, like
 * the real one, lets a Cancelled appointment keep blocking its slot and accepts two appointments in one.
 */
class SelfServiceEndToEndTest extends AppTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADA_NUMBER = "+447911123456";
    private static final String BO_NUMBER = "+447911123457";

    @Autowired
    SandboxCalendar sandbox;

    @Autowired
    BookingReplays replays;

    @Autowired
    CallerAttempts attempts;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));
    private int ada;
    private int bo;

    @BeforeEach
    void twoCustomersWithOneAppointmentEach() {
        sandbox.reset();
        replays.clear();
        attempts.clear();
        // as people type numbers into the calendar's own booking page: without and with the country code
        ada = customer(sandbox, "Ada", "ada@example.com", "07911 123456");
        bo = customer(sandbox, "Bo", "bo@example.com", "+44 7911 123457");
        appointment(sandbox, day, ada, "10:00");
        appointment(sandbox, day, bo, "11:00");
    }

    @Test
    void aCallerHearsTheirOwnBookingByTheirNumberAndNothingOfAnyoneElse() throws Exception {
        HttpResponse<String> response = call(ADA_NUMBER, "f-1", "find_appointment", "{}");
        JsonNode found = toolResult(response);

        assertThat(found.get("appointments")).hasSize(1);
        JsonNode only = found.get("appointments").get(0);
        assertThat(only.get("reference").asText()).isEqualTo(String.valueOf(idAt("10:00")));
        assertThat(only.get("date").asText()).isEqualTo(day.toString());
        assertThat(only.get("time").asText()).isEqualTo("10:00");
        assertThat(found.get("message").asText()).startsWith("You have one upcoming appointment: ")
                .contains(" at 10:00, reference " + idAt("10:00"));
        assertThat(response.body()).doesNotContain("Ada", "ada@example.com", "123456", "Bo", "11:00");
    }

    @Test
    void aNumberStoredWithItsCountryCodeIsFoundToo() throws Exception {
        JsonNode found = toolResult(call(BO_NUMBER, "f-2", "find_appointment", "{}"));

        assertThat(found.get("appointments")).hasSize(1);
        assertThat(found.get("appointments").get(0).get("time").asText()).isEqualTo("11:00");
    }

    @Test
    void anUnknownNumberIsAskedForTheEmailAndNeverToldWhetherAnEmailExists() throws Exception {
        String stranger = "+447911888888";

        String noEmail = toolError(call(stranger, "f-3", "find_appointment", "{}"));
        String someoneElses = toolError(call(stranger, "f-4", "find_appointment", "{\"email\":\"ada@example.com\"}"));
        String nobodys = toolError(call(stranger, "f-5", "find_appointment", "{\"email\":\"nobody@example.com\"}"));

        assertThat(noEmail).isEqualTo("I can't find a booking for this number; what email did you book with?");
        assertThat(someoneElses).isEqualTo(nobodys).doesNotContain("Ada", "10:00");
    }

    @Test
    void cancellingAsksFirstThenFreesTheSlotAndAskingTwiceChangesNothing() throws Exception {
        int reference = idAt("10:00");
        assertThat(freeTimes()).doesNotContain("10:00");

        JsonNode proposal = toolResult(call(ADA_NUMBER, "c-1", "cancel_appointment", "{\"appointment_ref\":\"" + reference + "\"}"));
        assertThat(proposal.get("changed").asBoolean()).isFalse();
        assertThat(proposal.get("message").asText()).endsWith("at 10:00, reference " + reference + ". Shall I cancel it?");
        assertThat(sandbox.appointment(reference)).isPresent();

        String confirm = "{\"appointment_ref\":\"" + reference + "\",\"confirm\":true}";
        JsonNode cancelled = toolResult(call(ADA_NUMBER, "c-2", "cancel_appointment", confirm));
        assertThat(cancelled.get("changed").asBoolean()).isTrue();
        assertThat(cancelled.get("message").asText()).startsWith("Your appointment on ").endsWith(", is cancelled.");
        assertThat(sandbox.appointment(reference)).isEmpty();
        assertThat(freeTimes()).contains("10:00");

        JsonNode again = toolResult(call(ADA_NUMBER, "c-3", "cancel_appointment", confirm));
        assertThat(again).isEqualTo(cancelled);
        assertThat(sandbox.appointments(Map.of())).hasSize(1);
    }

    @Test
    void nobodyCanCancelOrMoveSomeoneElsesAppointment() throws Exception {
        int bos = idAt("11:00");

        String cancel = toolError(call(ADA_NUMBER, "x-1", "cancel_appointment", "{\"appointment_ref\":\"" + bos + "\",\"confirm\":true}"));
        String move = toolError(call(ADA_NUMBER, "x-2", "reschedule_appointment",
                "{\"appointment_ref\":\"" + bos + "\",\"date\":\"" + day + "\",\"time\":\"16:00\"}"));
        String withTheirEmail = toolError(call(ADA_NUMBER, "x-3", "cancel_appointment",
                "{\"appointment_ref\":\"" + bos + "\",\"confirm\":true,\"email\":\"bo@example.com\"}"));
        String missing = toolError(call(ADA_NUMBER, "x-4", "cancel_appointment", "{\"appointment_ref\":\"999\",\"confirm\":true}"));

        assertThat(cancel).isEqualTo("I can't find an upcoming booking with reference " + bos + " for you. Shall I look up your bookings?");
        assertThat(move).isEqualTo(cancel);
        assertThat(withTheirEmail).isEqualTo(cancel);
        assertThat(missing).isEqualTo(cancel.replace(String.valueOf(bos), "999"));
        assertThat(sandbox.appointment(bos)).isPresent();
        assertThat(sandbox.appointments(Map.of())).hasSize(2);
    }

    @Test
    void aMoveLeavesExactlyOneAppointmentAtTheNewTimeAndARetryChangesNothing() throws Exception {
        int old = idAt("10:00");
        String move = "{\"appointment_ref\":\"" + old + "\",\"date\":\"" + day + "\",\"time\":\"16:00\"}";

        HttpResponse<String> first = call(ADA_NUMBER, "r-1", "reschedule_appointment", move);
        JsonNode moved = toolResult(first);

        List<SandboxCalendar.Appointment> adas = sandbox.appointments(Map.of("customerId", String.valueOf(ada)));
        assertThat(adas).hasSize(1);
        assertThat(adas.get(0).start()).isEqualTo(day + " 16:00:00");
        assertThat(moved.get("changed").asBoolean()).isTrue();
        assertThat(moved.get("appointment").get("reference").asText()).isEqualTo(String.valueOf(adas.get(0).id()));
        assertThat(moved.get("previous_reference").asText()).isEqualTo(String.valueOf(old));
        assertThat(moved.get("message").asText()).contains("at 16:00").contains("Your new reference is " + adas.get(0).id());
        assertThat(freeTimes()).contains("10:00").doesNotContain("16:00");

        assertThat(call(ADA_NUMBER, "r-1", "reschedule_appointment", move).body()).isEqualTo(first.body());
        replays.clear(); // as after a restart: the calendar itself shows this tool call already moved it
        JsonNode retried = toolResult(call(ADA_NUMBER, "r-1", "reschedule_appointment", move));
        assertThat(retried.get("appointment").get("reference").asText()).isEqualTo(String.valueOf(adas.get(0).id()));
        assertThat(sandbox.appointments(Map.of("customerId", String.valueOf(ada)))).hasSize(1);
    }

    @Test
    void twoCallersMovingIntoOneFreeSlotOneWinsAndTheOtherKeepsTheirOldAppointment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (String[] caller : List.of(new String[] {ADA_NUMBER, "10:00"}, new String[] {BO_NUMBER, "11:00"})) {
            String move = "{\"appointment_ref\":\"" + idAt(caller[1]) + "\",\"date\":\"" + day + "\",\"time\":\"16:30\"}";
            answers.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return call(caller[0], "race-" + caller[1], "reschedule_appointment", move);
            }, pool));
        }
        start.countDown();
        List<String> bodies = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            bodies.add(answer.get(60, TimeUnit.SECONDS).body());
        }
        pool.shutdown();

        assertThat(bodies).filteredOn(b -> b.contains("Your new reference is")).hasSize(1);
        assertThat(bodies).filteredOn(b -> b.contains("stays as it is.")).hasSize(1);
        List<SandboxCalendar.Appointment> all = sandbox.appointments(Map.of());
        assertThat(all).hasSize(2);
        assertThat(all).filteredOn(a -> a.start().equals(day + " 16:30:00")).hasSize(1);
        assertThat(all).extracting(SandboxCalendar.Appointment::customerId).containsExactlyInAnyOrder(ada, bo);
    }

    @Test
    void aFewAttemptsPerCallerNumberThenNoMore() throws Exception {
        for (int i = 0; i < 8; i++) {
            assertThat(toolError(call("+447911888888", "p-" + i, "find_appointment", "{\"email\":\"guess" + i + "@example.com\"}")))
                    .startsWith("I can't find a booking");
        }
        String refused = toolError(call("+447911888888", "p-9", "find_appointment", "{\"email\":\"ada@example.com\"}"));

        assertThat(refused).isEqualTo(CallerAttempts.TOO_MANY);
        assertThat(toolResult(call(ADA_NUMBER, "p-10", "find_appointment", "{}")).get("appointments")).hasSize(1);
    }

    // --- helpers ------------------------------------------------------------------------------

    private int idAt(String time) {
        return sandbox.appointments(Map.of()).stream().filter(a -> a.start().equals(day + " " + time + ":00"))
                .findFirst().orElseThrow().id();
    }

    private List<String> freeTimes() throws Exception {
        JsonNode answer = toolResult(call(ADA_NUMBER, "a-" + System.nanoTime(), "check_availability", "{\"date\":\"" + day + "\"}"));
        return JSON.convertValue(answer.get("slots"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private HttpResponse<String> call(String number, String toolCallId, String function, String arguments) {
        HttpResponse<String> response = webhook(VapiPayloads.toolCallFrom(number, toolCallId, function, arguments));
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}

package io.github.vapireceptionist.calendar;

import static io.github.vapireceptionist.support.SandboxSeed.appointment;
import static io.github.vapireceptionist.support.SandboxSeed.appointmentsOf;
import static io.github.vapireceptionist.support.SandboxSeed.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.reconcile.UncertainWrites;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.selfservice.CallerAttempts;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.FaultyCalendarProxy;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A write the calendar applied and answered 2xx, with a body that cannot be read (a PHP notice printed before the
 * JSON, a proxy's page), through a loopback proxy in front of the sandbox calendar (FaultyCalendarProxy.garble). The
 * caller must hear what the calendar holds: a booking or move the read-back finds is confirmed, a deletion answered
 * 2xx is done. Before, each was "I can't reach the booking calendar" with the write applied.
 */
class GarbledWriteAnswersTest extends AppTest {

    private static final FaultyCalendarProxy PROXY = FaultyCalendarProxy.onLoopback();
    private static final String ADA_NUMBER = "+447911123456";
    private static final String ADA_EMAIL = "ada@example.com";

    @Autowired
    SandboxCalendar sandbox;

    @Autowired
    BookingReplays replays;

    @Autowired
    CallerAttempts attempts;

    @Autowired
    UncertainWrites uncertainWrites;

    @Value("${local.server.port}")
    int appPort;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    @DynamicPropertySource
    static void calendarBehindTheProxy(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.sandbox-base-url",
                () -> "http://127.0.0.1:" + PROXY.port() + "/sandbox/easyappointments");
    }

    @BeforeEach
    void aFreshCalendarBehindTheProxy() {
        PROXY.upstream(appPort);
        PROXY.reset();
        sandbox.reset();
        replays.clear();
        attempts.clear();
    }

    @AfterAll
    static void stopProxy() throws IOException {
        PROXY.close();
    }

    @Test
    void aBookingCreatedWithAGarbledAnswerIsFoundByTheReadBackAndConfirmed() {
        customer(sandbox, "Ada", ADA_EMAIL, "07911 123456");
        PROXY.garble("POST", "/api/v1/appointments", null);

        JsonNode answer = book("garbled-create-1", "10:00");

        assertThat(PROXY.garbled()).as("the POST was answered 201 with a PHP notice before its JSON").isTrue();
        List<SandboxCalendar.Appointment> adas = adasAppointments();
        assertThat(adas).as("the calendar holds the one booking the caller was told about").hasSize(1);
        assertThat(answer.path("success").asBoolean()).as(answer.toString()).isTrue();
        assertThat(answer.path("appointment_id").asInt()).isEqualTo(adas.get(0).id());
        assertThat(adas.get(0).start()).isEqualTo(day + " 10:00:00");
        assertThat(answer.path("message").asText()).contains("You're booked");
        assertThat(uncertainWrites.allSettled()).as("settled by the reads, nothing left for the reconciler").isTrue();

        JsonNode again = book("garbled-create-1", "10:00");
        assertThat(again.path("appointment_id").asInt()).as("the re-sent call hears the same booking").isEqualTo(adas.get(0).id());
        assertThat(adasAppointments()).as("and makes no second one").hasSize(1);
    }

    @Test
    void aCustomerCreatedWithAGarbledAnswerIsFoundByEmailAndTheBookingGoesOn() {
        PROXY.garble("POST", "/api/v1/customers", null);

        JsonNode answer = book("garbled-customer-1", "11:00");

        assertThat(PROXY.garbled()).isTrue();
        assertThat(sandbox.customers(Map.of()).stream().filter(c -> ADA_EMAIL.equals(c.email()))).as("one customer").hasSize(1);
        List<SandboxCalendar.Appointment> adas = adasAppointments();
        assertThat(adas).hasSize(1);
        assertThat(answer.path("success").asBoolean()).as(answer.toString()).isTrue();
        assertThat(answer.path("appointment_id").asInt()).isEqualTo(adas.get(0).id());
    }

    @Test
    void aCancellationAnsweredWithAProxysPageIsDone() {
        int ada = customer(sandbox, "Ada", ADA_EMAIL, "07911 123456");
        int reference = appointment(sandbox, day, ada, "09:30");
        PROXY.garble("DELETE", "/api/v1/appointments/", 200);

        JsonNode answer = toolAnswer(call("garbled-cancel-1", "cancel_appointment",
                "{\"appointment_ref\":\"" + reference + "\",\"confirm\":true}"));

        assertThat(PROXY.garbled()).isTrue();
        assertThat(sandbox.appointment(reference)).as("deleted").isEmpty();
        assertThat(answer.path("changed").asBoolean()).as(answer.toString()).isTrue();
        assertThat(answer.path("message").asText()).contains("cancelled");
    }

    @Test
    void aMoveWhoseNewAppointmentIsAnsweredGarbledIsFoundAndTheOldOneReleased() {
        int ada = customer(sandbox, "Ada", ADA_EMAIL, "07911 123456");
        int old = appointment(sandbox, day, ada, "09:00");
        PROXY.garble("POST", "/api/v1/appointments", null);

        JsonNode answer = toolAnswer(call("garbled-move-1", "reschedule_appointment",
                "{\"appointment_ref\":\"" + old + "\",\"date\":\"" + day + "\",\"time\":\"16:00\"}"));

        assertThat(PROXY.garbled()).isTrue();
        List<SandboxCalendar.Appointment> adas = adasAppointments();
        assertThat(answer.path("changed").asBoolean()).as(answer.toString()).isTrue();
        assertThat(adas).as("the new one only").hasSize(1);
        assertThat(adas.get(0).start()).isEqualTo(day + " 16:00:00");
        assertThat(answer.at("/appointment/reference").asInt()).isEqualTo(adas.get(0).id());
        assertThat(sandbox.appointment(old)).as("the old one released").isEmpty();
    }

    private JsonNode book(String toolCallId, String time) {
        JsonNode answer = toolAnswer(call(toolCallId, "book_appointment", "{\"date\":\"" + day + "\",\"time\":\"" + time + "\","
                + "\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"email\":\"" + ADA_EMAIL + "\",\"phone\":\"07911 123456\"}"));
        await().atMost(Duration.ofSeconds(10)).until(uncertainWrites::allSettled);
        return answer;
    }

    private HttpResponse<String> call(String toolCallId, String function, String arguments) {
        HttpResponse<String> response = webhook(VapiPayloads.toolCallFrom(ADA_NUMBER, toolCallId, function, arguments));
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private List<SandboxCalendar.Appointment> adasAppointments() {
        return appointmentsOf(sandbox, ADA_EMAIL);
    }
}

package io.github.vapireceptionist.selfservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vapireceptionist.availability.SpokenDates;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * find, cancel and reschedule on the sandbox's clinic, driven over HTTP as Vapi drives it, for a booking made with
 * another person than the line's own: Ada has a Full assessment (60 minutes) with María López (32) on a Monday at
 * 11:00. Ben Okafor (33) also does assessments, from 08:00; María starts at 10:00.
 */
class TeamSelfServiceEndToEndTest extends AppTest {

    private static final String ADA_NUMBER = "+447911123456";
    private static final LocalDate MONDAY = LocalDate.now(ZoneId.of("Europe/London")).plusDays(2)
            .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    private static final String DAY = SpokenDates.day(MONDAY);

    @Autowired
    SandboxCalendar sandbox;

    @Autowired
    BookingReplays replays;

    @Autowired
    CallerAttempts attempts;

    private int ada;
    private int assessment;

    @BeforeEach
    void adaHasAnAssessmentWithMaria() {
        sandbox.reset();
        replays.clear();
        attempts.clear();
        ada = sandbox.createCustomer(Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.com",
                "phone", "07911 123456")).id();
        assessment = sandbox.createAppointment(Map.of("start", MONDAY + " 11:00:00", "end", MONDAY + " 12:00:00",
                "customerId", ada, "providerId", SandboxCalendar.MARIA_ID, "serviceId", SandboxCalendar.ASSESSMENT_ID,
                "status", "Booked")).id();
    }

    @Test
    void findAndCancelNameTheServiceAndThePerson() throws Exception {
        JsonNode found = toolResult(call("f-1", "find_appointment", "{}"));
        assertThat(found.get("message").asText()).isEqualTo("You have one upcoming appointment: Full assessment with María López on "
                + DAY + " at 11:00, reference " + assessment + ".");

        JsonNode asked = toolResult(call("c-1", "cancel_appointment", "{\"appointment_ref\":\"" + assessment + "\"}"));
        assertThat(asked.get("message").asText()).isEqualTo("Your Full assessment with María López on " + DAY + " at 11:00, reference "
                + assessment + ". Shall I cancel it?");
        assertThat(adas()).hasSize(1);

        JsonNode cancelled = toolResult(call("c-2", "cancel_appointment", "{\"appointment_ref\":\"" + assessment + "\",\"confirm\":true}"));
        assertThat(cancelled.get("message").asText()).startsWith("Your Full assessment with María López on " + DAY
                + " at 11:00, reference " + assessment + ", is cancelled.");
        assertThat(adas()).isEmpty();
    }

    @Test
    void aMoveKeepsThePersonTheServiceAndItsLength() throws Exception {
        JsonNode moved = toolResult(call("r-1", "reschedule_appointment", move("15:00", "")));

        SandboxCalendar.Appointment now = only(adas());
        assertThat(now.providerId()).isEqualTo(SandboxCalendar.MARIA_ID);
        assertThat(now.serviceId()).isEqualTo(SandboxCalendar.ASSESSMENT_ID);
        assertThat(now.start()).isEqualTo(MONDAY + " 15:00:00");
        assertThat(now.end()).isEqualTo(MONDAY + " 16:00:00");
        assertThat(moved.get("message").asText()).startsWith("Done: your Full assessment with María López is now on " + DAY
                + " at 15:00. Your new reference is " + now.id() + ".");
    }

    @Test
    void aMoveToAnotherPersonBooksThemForTheSameService() throws Exception {
        JsonNode moved = toolResult(call("r-2", "reschedule_appointment", move("14:00", ",\"provider\":\"Ben\"")));

        SandboxCalendar.Appointment now = only(adas());
        assertThat(now.providerId()).isEqualTo(SandboxCalendar.BEN_ID);
        assertThat(now.serviceId()).isEqualTo(SandboxCalendar.ASSESSMENT_ID);
        assertThat(now.end()).isEqualTo(MONDAY + " 15:00:00");
        assertThat(moved.get("message").asText()).startsWith("Done: your Full assessment with Ben Okafor is now on " + DAY + " at 14:00.");
    }

    @Test
    void aMoveToAnyoneBooksWhoeverIsFreeThen() throws Exception {
        // 09:00: María starts at 10:00, so only Ben
        JsonNode moved = toolResult(call("r-3", "reschedule_appointment", move("09:00", ",\"provider\":\"anyone\"")));

        assertThat(only(adas()).providerId()).isEqualTo(SandboxCalendar.BEN_ID);
        assertThat(moved.get("message").asText()).startsWith("Done: your Full assessment with Ben Okafor is now on " + DAY + " at 09:00.");
    }

    @Test
    void aTimeTheSamePersonIsNotFreeLeavesTheAppointmentAsItIs() throws Exception {
        String error = toolError(call("r-4", "reschedule_appointment", move("09:00", "")));

        assertThat(error).startsWith("Your Full assessment with María López on " + DAY + " at 11:00, reference " + assessment
                + ", stays as it is.");
        assertThat(only(adas()).id()).isEqualTo(assessment);
    }

    @Test
    void aPersonWhoDoesNotOfferTheServiceIsSaidSoAndNothingChanges() throws Exception {
        String error = toolError(call("r-5", "reschedule_appointment", move("14:00", ",\"provider\":\"Jane\"")));

        assertThat(error).isEqualTo("Jane Doe doesn't do Full assessment. María and Ben do. Would you like one of them, or another service?");
        assertThat(only(adas()).id()).isEqualTo(assessment);
    }

    private List<SandboxCalendar.Appointment> adas() {
        return sandbox.appointments(Map.of("customerId", String.valueOf(ada)));
    }

    private static SandboxCalendar.Appointment only(List<SandboxCalendar.Appointment> appointments) {
        assertThat(appointments).hasSize(1);
        return appointments.get(0);
    }

    private String move(String time, String team) {
        return "{\"appointment_ref\":\"" + assessment + "\",\"date\":\"" + MONDAY + "\",\"time\":\"" + time + "\"" + team + "}";
    }

    private HttpResponse<String> call(String toolCallId, String function, String arguments) {
        return webhook(VapiPayloads.toolCallFrom(ADA_NUMBER, toolCallId, function, arguments));
    }
}

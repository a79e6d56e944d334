package io.github.vapireceptionist.selfservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vapireceptionist.booking.BookingProperties;
import io.github.vapireceptionist.booking.BookingRequests;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.core.CallContext;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.ToolCall;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallerRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Tuesday 24 November 2026, 10:00 in London. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), LONDON);

    private final EasyAppointmentsProperties calendar = new EasyAppointmentsProperties("", "http://127.0.0.1:8000/sandbox",
            null, "sandbox", "sandbox", 2, 1, LONDON, 90, 7, 1000, 2500);
    private final CallerRequests requests = new CallerRequests(
            new BookingRequests(NOW, calendar, new BookingProperties("GB", 10000, 24)), NOW);

    @Test
    void theCallersNumberIsReadAsBookingReadsIt() throws Exception {
        CallerRequest national = requests.find(call("find_appointment", "{}", "07123 456789")).request();
        CallerRequest withheld = requests.find(call("find_appointment", "{\"email\":\" Zoe@Example.COM \"}", null)).request();

        assertThat(national.callerNumber()).isEqualTo("+447123456789");
        assertThat(national.attemptsKey()).isEqualTo("+447123456789");
        assertThat(withheld.callerNumber()).isNull();
        assertThat(withheld.email()).isEqualTo("zoe@example.com");
        assertThat(withheld.attemptsKey()).isEqualTo("call:call-1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"appointment_ref\":41}                            | 41 | false",
        "{\"appointment_ref\":\" 41 \",\"confirm\":true}     | 41 | true",
        "{\"appointment_ref\":\"41\",\"confirm\":\"TRUE\"}   | 41 | true",
        "{\"appointment_ref\":\"41\",\"confirm\":false}      | 41 | false",
        "{\"appointment_ref\":\"41\",\"confirm\":null}       | 41 | false"})
    void cancelReadsTheReferenceAndAnExplicitYes(String arguments, int reference, boolean confirm) throws Exception {
        CallerRequest request = requests.cancel(call("cancel_appointment", arguments, "+447123456789")).request();

        assertThat(request.reference()).isEqualTo(reference);
        assertThat(request.confirm()).isEqualTo(confirm);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cancel_appointment     | {}                                                                  | Which booking do you mean? I need its reference, or I can look your bookings up first.",
        "cancel_appointment     | {\"appointment_ref\":\"41\",\"confirm\":\"yes please\"}            | I didn't catch whether to cancel it. Shall I cancel it?",
        "cancel_appointment     | {\"appointment_ref\":4.5}                                           | I didn't catch that booking reference. Could you say the number again?",
        "cancel_appointment     | {\"appointment_ref\":\"41\",\"email\":\"not-an-email\"}            | That email address doesn't look right. Could you spell it for me?",
        "reschedule_appointment | {\"appointment_ref\":\"41\",\"date\":\"2026-11-30\"}               | To move it I need the new day and time. When would you like it instead?",
        "reschedule_appointment | {\"appointment_ref\":\"41\",\"date\":\"2026-11-23\",\"time\":\"10:00\"} | That date has already passed. Which day would you like?",
        "reschedule_appointment | {\"appointment_ref\":\"41\",\"date\":\"2026-11-24\",\"time\":\"09:00\"} | That time has already passed today. Would a later time suit you?",
        "find_appointment       | {\"date\":\"2026-11-23\"}                                           | That date has already passed. Which day is your appointment?"})
    void badInputIsOneSpeakableSentence(String function, String arguments, String sentence) {
        assertThatThrownBy(() -> run(function, arguments)).isInstanceOf(SpeakableException.class).hasMessage(sentence);
    }

    @Test
    void rescheduleReadsTheNewDayAndTime() throws Exception {
        CallerRequest request = requests.reschedule(call("reschedule_appointment",
                "{\"appointment_ref\":\"41\",\"date\":\"2026-11-30\",\"time\":\"9:30\"}", "+447123456789")).request();

        assertThat(request.newDate()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(request.newTime()).isEqualTo(LocalTime.of(9, 30));
    }

    private void run(String function, String arguments) throws Exception {
        ToolCall call = call(function, arguments, "+447123456789");
        switch (function) {
            case "find_appointment" -> requests.find(call);
            case "cancel_appointment" -> requests.cancel(call);
            default -> requests.reschedule(call);
        }
    }

    private static ToolCall call(String function, String arguments, String number) throws Exception {
        return new ToolCall("tc-1", function, (ObjectNode) JSON.readTree(arguments), true, new CallContext("call-1", number, null));
    }
}

package io.github.vapireceptionist.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a write's answer says about whether it was applied (contracts/easyappointments-api-v1.md): the calendar's own
 * 500 with {"success":false} and a 429 are refusals (nothing applied); any other 5xx comes from something in front of it
 * and leaves the outcome unknown. Reads are not affected.
 */
class CalendarResponsesTest {

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
    private final CalendarResponses responses = new CalendarResponses(new ObjectMapper());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "create-appointment | 502 | <html><h1>502 Bad Gateway</h1></html>",
        "create-appointment | 504 | ''",
        "create-customer    | 503 | Service Unavailable",
        "delete-appointment | 500 | <b>Fatal error</b>",
        "delete-appointment | 500 | {\"message\":\"no success field\"}"})
    void aServerErrorWithoutTheCalendarsJsonLeavesAWritesOutcomeUnknown(String operation, int status, String body) {
        assertThatThrownBy(() -> responses.read(answer(status, body), operation))
                .isInstanceOf(WriteOutcomeUnknownException.class)
                .hasMessage(CalendarSlowException.SENTENCE);
    }

    @Test
    void theCalendarsOwnErrorIsARefusal() {
        String refusal = "{\"success\":false,\"message\":\"The appointment start date time is invalid.\"}";

        assertThatThrownBy(() -> responses.read(answer(500, refusal), "create-appointment"))
                .isInstanceOf(CalendarUnavailableException.class)
                .isNotInstanceOf(WriteOutcomeUnknownException.class);
        assertThatThrownBy(() -> responses.read(answer(429, ""), "delete-appointment"))
                .isInstanceOf(CalendarRateLimitedException.class);
        assertThatThrownBy(() -> responses.read(answer(500,
                "{\"success\":false,\"message\":\"The provided email address is already in use, please use a different one.\"}"),
                "create-customer")).isInstanceOf(EmailAlreadyInUseException.class);
    }

    @Test
    void aReadsServerErrorIsTheCalendarFailingAsBefore() {
        assertThatThrownBy(() -> responses.read(answer(502, "<html>Bad Gateway</html>"), "appointments"))
                .isInstanceOf(CalendarUnavailableException.class)
                .isNotInstanceOf(WriteOutcomeUnknownException.class);
    }

    @Test
    void anAppointmentByIdIsNullWhenItIsGone() {
        assertThat(responses.read(answer(404, ""), "appointment")).isNull();
        Object found = responses.read(answer(200, "{\"id\":7,\"start\":\"2026-12-07 10:00:00\",\"end\":\"2026-12-07 10:30:00\","
                + "\"notes\":\"Booked by phone [tool call t-1]\"}"), "appointment");
        assertThat(found).isInstanceOf(CalendarAppointment.class);
        assertThat(((CalendarAppointment) found).id()).isEqualTo(7);
    }

    private static Exchange answer(int status, String body) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }
}

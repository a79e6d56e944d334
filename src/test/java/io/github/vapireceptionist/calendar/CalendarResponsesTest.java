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
 * and leaves the outcome unknown. A 2xx to a write means it was applied, or may have been: a delete is done whatever
 * its body, a create or update whose answer cannot be read has an unknown outcome. Reads are not affected.
 */
class CalendarResponsesTest {

    private static final String PHP_NOTICE_ONLY = "<b>Notice</b>: Undefined variable: result on line <b>88</b>";
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

    private static final String PHP_NOTICE = "<br />\n<b>Notice</b>:  Undefined index: notes in "
            + "<b>/var/www/html/application/controllers/api/v1/Appointments_api_v1.php</b> on line <b>142</b><br />\n";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a PHP notice printed before the calendar's JSON
        "create-appointment | 201 | NOTICE{\"id\":41,\"start\":\"2026-12-07 10:00:00\",\"end\":\"2026-12-07 10:30:00\"}",
        "create-customer    | 201 | NOTICE{\"id\":7,\"firstName\":\"Ada\",\"email\":\"ada@example.com\"}",
        "update-customer    | 200 | NOTICE{\"id\":7,\"firstName\":\"Ada\",\"email\":\"ada@example.com\"}",
        // a proxy's own 200 page, an empty answer, JSON without the record made
        "create-appointment | 200 | <html><body>Request accepted</body></html>",
        "create-appointment | 201 | ''",
        "create-appointment | 201 | {}",
        "create-customer    | 202 | {\"status\":\"queued\"}",
        "update-customer    | 200 | null"})
    void aSuccessWhoseAnswerCannotBeReadLeavesAWritesOutcomeUnknown(String operation, int status, String body) {
        assertThatThrownBy(() -> responses.read(answer(status, body.replace("NOTICE", PHP_NOTICE)), operation))
                .isInstanceOfSatisfying(WriteOutcomeUnknownException.class,
                        unknown -> assertThat(unknown.operation()).isEqualTo(operation))
                .hasMessage(CalendarSlowException.SENTENCE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "204 | ''",
        "200 | '  '",
        "202 | {\"success\":true}"})
    void aDeleteAnsweredWithTheCalendarsSuccessIsDone(int status, String body) {
        assertThat(responses.read(answer(status, body), "delete-appointment")).isNull();
        assertThat(responses.read(answer(status, body), "delete-customer")).isEqualTo(true);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "200 | <html><body>Down for maintenance</body></html>",
        "200 | " + PHP_NOTICE_ONLY,
        "404 | <html><body>Not Found</body></html>"})
    void aDeleteAnsweredWithSomethingTheCalendarDoesNotSayLeavesItsOutcomeUnknown(int status, String body) {
        assertThatThrownBy(() -> responses.read(answer(status, body), "delete-appointment"))
                .isInstanceOf(WriteOutcomeUnknownException.class);
        assertThatThrownBy(() -> responses.read(answer(status, body), "delete-customer"))
                .isInstanceOf(WriteOutcomeUnknownException.class);
    }

    @Test
    void aDeleteOfWhatIsAlreadyGoneIsTheCalendarsEmpty404() {
        assertThat(responses.read(answer(404, ""), "delete-customer")).isEqualTo(false);
    }

    @Test
    void aReadableSuccessIsTheRecordMade() {
        Object appointment = responses.read(answer(201, "{\"id\":41,\"start\":\"2026-12-07 10:00:00\",\"end\":"
                + "\"2026-12-07 10:30:00\",\"hash\":\"x\"}"), "create-appointment");
        Object customer = responses.read(answer(201, "{\"id\":7,\"firstName\":\"Ada\",\"email\":\"ada@example.com\","
                + "\"timezone\":\"UTC\"}"), "create-customer");

        assertThat(((CalendarAppointment) appointment).id()).isEqualTo(41);
        assertThat(((CalendarCustomer) customer).id()).isEqualTo(7);
        assertThat(responses.read(answer(404, ""), "delete-customer")).isEqualTo(false);
    }

    @Test
    void aReadsUnreadableSuccessIsTheCalendarFailingAsBefore() {
        for (String read : new String[] {"appointments", "appointment", "customers", "customer", "service"}) {
            assertThatThrownBy(() -> responses.read(answer(200, PHP_NOTICE + "[]"), read)).as(read)
                    .isInstanceOf(CalendarUnavailableException.class)
                    .isNotInstanceOf(WriteOutcomeUnknownException.class);
        }
    }

    @Test
    void aWriteAnsweredNeitherSuccessNorServerErrorIsARefusalAsBefore() {
        assertThatThrownBy(() -> responses.read(answer(401, "<html>Unauthorized</html>"), "delete-appointment"))
                .isInstanceOf(CalendarUnavailableException.class)
                .isNotInstanceOf(WriteOutcomeUnknownException.class);
        assertThatThrownBy(() -> responses.read(answer(302, ""), "create-appointment"))
                .isInstanceOf(CalendarUnavailableException.class)
                .isNotInstanceOf(WriteOutcomeUnknownException.class);
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

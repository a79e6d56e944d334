package io.github.vapireceptionist.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.appointment;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.customer;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.json;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.selfservice.CallerAttempts;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.Weekdays;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * An argument holding a control character (Unicode Cc) is refused by every function, with a sentence
 * naming the field, and nothing is written: the Easy!Appointments stand-in sees no POST, PUT or DELETE
 * and Vapi's call control no transfer. {@code trim()} used to drop such a character at either end, so
 * {@code "2026-12-18\u0000"} was booked as 2026-12-18. The stand-ins would accept every write: the same
 * calls without the character are carried out ({@link #withoutTheControlCharacterEachCallIsCarriedOut}).
 */
@TestPropertySource(properties = {
    "easyappointments.api-token=ea-test-token",
    "transfer.enabled=true",
    "transfer.phone-number=+447700900999",
    "vapi.control.allow-http=true"})
class ControlCharacterArgumentsContractTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final WireMockExtension vapi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String ZOE = "+447123456789";
    private static final String CONTROL_PATH = "/019aa9bb-test-call/control";
    /** NUL, BEL, tab, line feed, carriage return, unit separator, DEL, next line (C1): each of them a Cc. */
    private static final char[] CONTROLS = {'\u0000', '\u0007', '\t', '\n', '\r', '\u001F', '\u007F', '\u0085'};
    private static final Map<String, String> SPOKEN = Map.of("date", "date", "time", "time", "first_name", "first name",
            "last_name", "last name", "email", "email address", "phone", "phone number", "appointment_ref", "booking reference",
            "confirm", "confirmation", "reason", "reason");
    private static final LocalDate DAY = Weekdays.onOrAfter(LocalDate.now(LONDON).plusDays(2));

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", calendar::baseUrl);
        registry.add("vapi.control.allowed-hosts", () -> "127.0.0.1:" + vapi.getPort());
    }

    @Autowired
    BookingReplays replays;

    @Autowired
    CallerAttempts attempts;


    /** Zoë calls from her number; she has appointment 41 at 10:00, and 16:00 is free. */
    @BeforeEach
    void zoeHasAnAppointmentAndEveryWriteWouldSucceed() {
        replays.clear();
        attempts.clear();
        calendar.resetAll();
        vapi.resetAll();
        calendar.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(ok(EasyAppointmentsStubs.service())));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[" + customer(57, "zoe@example.com", "07123456789") + "]")));
        calendar.stubFor(put(urlPathEqualTo(API + "/customers/57")).willReturn(ok(customer(57, "zoe@example.com", ZOE))));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[" + appointment(41, DAY + " 10:00:00", DAY + " 10:30:00", 57, null) + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[\"09:30\",\"10:30\",\"16:00\",\"16:30\"]")));
        calendar.stubFor(post(urlPathEqualTo(API + "/appointments"))
                .willReturn(json(201, appointment(52, DAY + " 16:00:00", DAY + " 16:30:00", 57, null))));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", absent())
                .willReturn(ok("[" + appointment(52, DAY + " 16:00:00", DAY + " 16:30:00", 57, null) + "]")));
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/41")).willReturn(aResponse().withStatus(204)));
        vapi.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{}")));
    }

    @Test
    void anArgumentWithAControlCharacterIsRefusedAndNothingIsWritten() throws Exception {
        ObjectNode arguments = valid("book_appointment").put("date", DAY + "\u0000");

        HttpResponse<String> response = call("tc-nul", "book_appointment", arguments);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(toolError(response))
                .isEqualTo("I couldn't read the date: it came through with a character I can't use. Could you say it again?");
        assertNothingWritten();
        calendar.verify(0, anyRequestedFor(anyUrl()));
    }

    /** Every field of every function, each with a control character at its end, where trim() used to drop it. */
    static Stream<Arguments> everyFieldOfEveryFunction() {
        List<Arguments> rows = new ArrayList<>();
        for (String function : List.of("check_availability", "book_appointment", "find_appointment", "cancel_appointment",
                "reschedule_appointment", "transfer_to_agent")) {
            valid(function).fieldNames().forEachRemaining(field -> rows.add(Arguments.of(function, field,
                    String.format("U+%04X", (int) CONTROLS[rows.size() % CONTROLS.length]))));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}.{1} ending in {2}")
    @MethodSource("everyFieldOfEveryFunction")
    void everyFunctionRefusesAControlCharacterInAnyOfItsFields(String function, String field, String codePoint) throws Exception {
        char control = (char) Integer.parseInt(codePoint.substring(2), 16);
        ObjectNode arguments = valid(function);
        arguments.put(field, arguments.get(field).asText() + control);

        HttpResponse<String> response = call("tc-" + function + "-" + field, function, arguments);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(toolError(response)).isEqualTo("I couldn't read the " + SPOKEN.get(field)
                + ": it came through with a character I can't use. Could you say it again?");
        assertNothingWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {"check_availability", "book_appointment", "find_appointment", "cancel_appointment",
        "reschedule_appointment", "transfer_to_agent"})
    void withoutTheControlCharacterEachCallIsCarriedOut(String function) throws Exception {
        JsonNode result = toolResult(call("tc-clean-" + function, function, valid(function)));

        assertThat(result.path("success").asBoolean()).as(result.toString()).isTrue();
        switch (function) {
            case "book_appointment", "reschedule_appointment" -> calendar.verify(1, postRequestedFor(urlPathEqualTo(API + "/appointments")));
            case "cancel_appointment" -> calendar.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/41")));
            case "transfer_to_agent" -> vapi.verify(1, postRequestedFor(urlPathEqualTo(CONTROL_PATH)));
            default -> calendar.verify(0, postRequestedFor(anyUrl()));
        }
    }

    private static ObjectNode valid(String function) {
        ObjectNode arguments = JSON.createObjectNode();
        switch (function) {
            case "check_availability" -> arguments.put("date", DAY.toString());
            case "book_appointment" -> arguments.put("date", DAY.toString()).put("time", "16:00").put("first_name", "Zoë")
                    .put("last_name", "Ng").put("email", "zoe@example.com").put("phone", "07123 456789");
            case "find_appointment" -> arguments.put("date", DAY.toString()).put("email", "zoe@example.com");
            case "cancel_appointment" -> arguments.put("appointment_ref", "41").put("confirm", true).put("email", "zoe@example.com");
            case "reschedule_appointment" -> arguments.put("appointment_ref", "41").put("date", DAY.toString()).put("time", "16:00")
                    .put("email", "zoe@example.com");
            case "transfer_to_agent" -> arguments.put("reason", "wants to speak to the physio");
            default -> throw new IllegalArgumentException(function);
        }
        return arguments;
    }

    private void assertNothingWritten() {
        calendar.verify(0, postRequestedFor(anyUrl()));
        calendar.verify(0, putRequestedFor(anyUrl()));
        calendar.verify(0, deleteRequestedFor(anyUrl()));
        vapi.verify(0, anyRequestedFor(anyUrl()));
    }

    /** A wrapped tool-calls message from Zoë's number on a call whose control URL is the Vapi stand-in. */
    private HttpResponse<String> call(String toolCallId, String function, ObjectNode arguments) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("message").put("type", "tool-calls");
        ObjectNode call = message.putObject("call").put("id", "019aa9bb-test-call").put("type", "inboundPhoneCall");
        call.putObject("monitor").put("controlUrl", "http://127.0.0.1:" + vapi.getPort() + CONTROL_PATH);
        call.putObject("customer").put("number", ZOE);
        ObjectNode toolCall = message.putArray("toolCallList").addObject().put("id", toolCallId).put("type", "function");
        toolCall.putObject("function").put("name", function).set("arguments", arguments);
        return webhook(JSON.writeValueAsString(root));
    }
}

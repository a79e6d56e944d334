package io.github.vapireceptionist.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vapireceptionist.availability.AvailabilityAnswer;
import io.github.vapireceptionist.core.CallContext;
import io.github.vapireceptionist.core.ToolCall;
import io.github.vapireceptionist.support.TemplatedRouteIds;
import io.github.vapireceptionist.webhook.ToolOutcome;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The tool-call and check-availability routes with the calendar node (ea-availabilities) woven
 * out: what the route sends to the calendar, and what it makes of the answers.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(properties = {"webhook.secret=route-test-secret",
    // each test answers the same day differently: none may be answered from a day an earlier test read
    "availability-cache.seconds=0", "availability-cache.stale-seconds=0"})
class ToolCallRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    /** What each calendar request carried (static: the woven processor outlives a test instance). */
    private static final List<Map<String, Object>> calendarRequests = new ArrayList<>();
    private static final Map<String, String> slotsByDate = new java.util.HashMap<>();
    private final LocalDate day = LocalDate.now(ZoneId.of("Europe/London")).plusDays(2);

    @BeforeEach
    void weaveOutTheCalendar() throws Exception {
        calendarRequests.clear();
        slotsByDate.clear();
        if (camel.isStarted()) {
            return;
        }
        TemplatedRouteIds.resolve(camel);
        AdviceWith.adviceWith(camel, "calendar-availabilities", route -> route.weaveById("ea-availabilities").replace()
                .process(ToolCallRouteTest::answerAsTheCalendar));
        camel.start();
    }

    private static void answerAsTheCalendar(Exchange exchange) {
        calendarRequests.add(new java.util.HashMap<>(exchange.getMessage().getHeaders()));
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        String date = query.substring(query.indexOf("date=") + 5);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader("Set-Cookie", "ea_session=1");
        exchange.getMessage().setBody(slotsByDate.getOrDefault(date, "[]"));
    }

    @Test
    void asksTheCalendarForTheRequestedDayWithOnlyTheHeadersItNeeds() throws Exception {
        slotsByDate.put(day.toString(), "[\"10:00\",\"10:15\"]");

        ToolOutcome outcome = run(call("check_availability", "{\"date\":\"" + day + "\"}"),
                Map.of("x-vapi-secret", "route-test-secret", "CamelHttpPath", "/api/webhooks/vapi"));

        assertThat(outcome.toolCallId()).isEqualTo("call_route");
        assertThat(outcome.answer().failed()).isFalse();
        AvailabilityAnswer answer = (AvailabilityAnswer) outcome.answer().result();
        assertThat(answer.slots()).containsExactly("10:00", "10:15");
        assertThat(calendarRequests).hasSize(1);
        assertThat(calendarRequests.get(0))
                .containsEntry(Exchange.HTTP_QUERY, "providerId=2&serviceId=1&date=" + day)
                .containsEntry(Exchange.HTTP_METHOD, HttpMethods.GET)
                .containsEntry("Authorization", "Basic c2FuZGJveDpzYW5kYm94")
                .containsEntry(Exchange.HTTP_PATH, "/availabilities")
                .doesNotContainKey("x-vapi-secret");
    }

    @Test
    void theCalendarsResponseHeadersDoNotTravelBack() throws Exception {
        slotsByDate.put(day.toString(), "[\"10:00\"]");

        Exchange result = producer.send("direct:tool-call", exchange ->
                exchange.getMessage().setBody(call("check_availability", "{\"date\":\"" + day + "\"}")));

        assertThat(result.getMessage().getHeaders()).doesNotContainKeys("Set-Cookie", Exchange.HTTP_RESPONSE_CODE);
    }

    @Test
    void aFullDayAsksTheFollowingDaysOnlyUntilTwoHaveTimes() throws Exception {
        slotsByDate.put(day.plusDays(1).toString(), "[\"09:00\"]");
        slotsByDate.put(day.plusDays(2).toString(), "[\"14:00\"]");
        slotsByDate.put(day.plusDays(3).toString(), "[\"15:00\"]");

        ToolOutcome outcome = run(call("check_availability", "{\"date\":\"" + day + "\"}"), Map.of());

        AvailabilityAnswer answer = (AvailabilityAnswer) outcome.answer().result();
        assertThat(answer.slots()).isEmpty();
        assertThat(answer.nextAvailable()).extracting(AvailabilityAnswer.DaySlots::date)
                .containsExactly(day.plusDays(1).toString(), day.plusDays(2).toString());
        assertThat(calendarRequests).hasSize(3);
    }

    @Test
    void invalidInputNeverReachesTheCalendar() throws Exception {
        ToolOutcome outcome = run(call("check_availability", "{\"date\":\"2020-01-01\"}"), Map.of());

        assertThat(outcome.answer().error()).isEqualTo("That date has already passed. Which day would you like?");
        assertThat(calendarRequests).isEmpty();
    }

    @Test
    void unknownFunctionsAndIncompleteBookingsNeverReachTheCalendar() throws Exception {
        ToolOutcome unknown = run(call("delete_everything", "{}"), Map.of());
        ToolOutcome booking = run(call("book_appointment", "{\"date\":\"" + day + "\"}"), Map.of());
        ToolOutcome transfer = run(call("transfer_to_agent", "{}"), Map.of());

        assertThat(unknown.name()).isEqualTo("delete_everything");
        assertThat(unknown.answer().error()).startsWith("I can't do that here.");
        assertThat(booking.answer().error()).isEqualTo(
                "To book you in I still need the time, your first name, your last name, your email address and your phone number.");
        assertThat(transfer.answer().error()).contains("can't transfer");
        assertThat(calendarRequests).isEmpty();
    }

    private ToolOutcome run(ToolCall call, Map<String, Object> headers) {
        return producer.requestBodyAndHeaders("direct:tool-call", call, headers, ToolOutcome.class);
    }

    private static ToolCall call(String name, String arguments) throws Exception {
        return new ToolCall("call_route", name, (ObjectNode) JSON.readTree(arguments), true, CallContext.UNKNOWN);
    }
}

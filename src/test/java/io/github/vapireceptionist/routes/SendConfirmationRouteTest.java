package io.github.vapireceptionist.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.type.PhoneNumber;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.core.CallContext;
import io.github.vapireceptionist.core.ToolCall;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.support.TemplatedRouteIds;
import io.github.vapireceptionist.support.Weekdays;
import io.github.vapireceptionist.webhook.ToolOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * The wire tap to send-confirmation fires for a kept booking only: not for a replay, a slot taken
 * by someone else, invalid input, or a booking withdrawn after losing the race. Twilio is woven out
 * (twilio-send-message → mock:twilio); the calendar is the sandbox.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "webhook.secret=route-test-secret",
    "twilio.account-sid=AC0123456789abcdef0123456789abcdef",
    "twilio.auth-token=route-test-token",
    "twilio.phone-number=+15005550006",
    "confirmation.channels=sms"
})
class SendConfirmationRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a tap that should not happen is given to show up: taps run on another thread. */
    private static final Duration QUIET = Duration.ofSeconds(1);
    /** Set by a test to slip another caller's appointment in just before ours is created. */
    private static final AtomicReference<Runnable> BEFORE_CREATE = new AtomicReference<>(() -> { });

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        int port = TestSocketUtils.findAvailableTcpPort();
        registry.add("server.port", () -> port);
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    SandboxCalendar sandbox;

    @Autowired
    BookingReplays replays;

    @Autowired
    MeterRegistry meters;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(3));
    private MockEndpoint twilio;

    @BeforeEach
    void weaveOutTwilio() throws Exception {
        if (!camel.isStarted()) {
            AdviceWith.adviceWith(camel, "send-confirmation", route -> route.weaveById("twilio-send-message").replace()
                    .to("mock:twilio"));
            TemplatedRouteIds.resolve(camel);
            AdviceWith.adviceWith(camel, "calendar-create-appointment", route -> route.weaveById("ea-create-appointment")
                    .before().process(exchange -> BEFORE_CREATE.get().run()));
            camel.start();
        }
        sandbox.reset();
        replays.clear();
        BEFORE_CREATE.set(() -> { });
        twilio = camel.getEndpoint("mock:twilio", MockEndpoint.class);
        twilio.reset();
    }

    @Test
    void aKeptBookingIsTappedOnceWithTheCallersNumberAndTheMessage() throws Exception {
        double sentBefore = meters.counter("confirmations", "channel", "sms", "outcome", "sent").count();

        ToolOutcome booked = book("tc-r1", "10:00", "ada@example.com");
        book("tc-r1", "10:00", "ada@example.com");

        assertThat(booked.answer().failed()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> twilio.getReceivedCounter() == 1);
        Exchange sent = twilio.getReceivedExchanges().get(0);
        assertThat(sent.getMessage().getHeader("CamelTwilio.to")).isEqualTo(new PhoneNumber("+447123456789"));
        assertThat(sent.getMessage().getHeader("CamelTwilio.from")).isEqualTo(new PhoneNumber("+15005550006"));
        assertThat(sent.getMessage().getHeader("CamelTwilio.body", String.class)).contains("at 10:00");
        assertThat(meters.counter("confirmations", "channel", "sms", "outcome", "sent").count()).isEqualTo(sentBefore + 1);
    }

    @Test
    void noTapForASlotSomeoneElseHoldsOrForInvalidInput() throws Exception {
        book("tc-r2", "11:00", "ada@example.com");
        await().atMost(Duration.ofSeconds(5)).until(() -> twilio.getReceivedCounter() == 1);

        ToolOutcome taken = book("tc-r3", "11:00", "bob@example.com");
        ToolOutcome samePerson = book("tc-r4", "11:00", "ada@example.com");
        ToolOutcome invalid = producer.requestBody("direct:tool-call", call("tc-r5", "{\"date\":\"" + day + "\"}"), ToolOutcome.class);

        assertThat(taken.answer().error()).startsWith("That time isn't free");
        assertThat(samePerson.answer().failed()).isFalse();
        assertThat(invalid.answer().failed()).isTrue();
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> twilio.getReceivedCounter() == 1);
    }

    @Test
    void noTapForABookingWithdrawnAfterLosingTheRace() throws Exception {
        BEFORE_CREATE.set(() -> {
            Map<String, Object> earlier = new LinkedHashMap<>();
            earlier.put("start", day + " 14:00:00");
            earlier.put("customerId", sandbox.createCustomer(Map.of("firstName", "Eve", "lastName", "Early",
                    "email", "eve@example.com", "phone", "+447123000000")).id());
            earlier.put("providerId", 2);
            earlier.put("serviceId", 1);
            sandbox.createAppointment(earlier);
        });

        ToolOutcome lost = book("tc-r6", "14:00", "ada@example.com");

        assertThat(lost.answer().error()).startsWith("That time was just taken");
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> twilio.getReceivedCounter() == 0);
        assertThat(sandbox.appointments(Map.of("date", day.toString()))).hasSize(1);
    }

    private ToolOutcome book(String toolCallId, String time, String email) throws Exception {
        return producer.requestBody("direct:tool-call", call(toolCallId, "{\"date\":\"" + day + "\",\"time\":\"" + time
                + "\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"email\":\"" + email + "\",\"phone\":\"07123 456789\"}"),
                ToolOutcome.class);
    }

    private static ToolCall call(String id, String arguments) throws Exception {
        return new ToolCall(id, "book_appointment", (ObjectNode) JSON.readTree(arguments), true,
                new CallContext("call-route", null, null));
    }

}

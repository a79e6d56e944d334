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
import io.github.vapireceptionist.selfservice.CallerAttempts;
import io.github.vapireceptionist.support.Weekdays;
import io.github.vapireceptionist.webhook.ToolOutcome;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.apache.camel.CamelContext;
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
 * cancel-appointment and reschedule-appointment tap send-confirmation once per change, on the success
 * path only: not for a proposal, a repeat, a replayed tool call or a move that did not happen. Twilio
 * is woven out (twilio-send-message → mock:twilio); the calendar is the sandbox.
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
class SelfServiceConfirmationRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "+447123456789";
    /** How long a tap that should not happen is given to show up: taps run on another thread. */
    private static final Duration QUIET = Duration.ofSeconds(1);

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
    CallerAttempts attempts;


    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(3));
    private MockEndpoint twilio;
    private int reference;

    @BeforeEach
    void weaveOutTwilio() throws Exception {
        if (!camel.isStarted()) {
            AdviceWith.adviceWith(camel, "send-confirmation", route -> route.weaveById("twilio-send-message").replace()
                    .to("mock:twilio"));
            camel.start();
        }
        sandbox.reset();
        replays.clear();
        attempts.clear();
        twilio = camel.getEndpoint("mock:twilio", MockEndpoint.class);
        twilio.reset();
        int customer = sandbox.createCustomer(Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.com",
                "phone", "07123 456789")).id();
        reference = sandbox.createAppointment(Map.of("start", day + " 10:00:00", "customerId", customer, "providerId", 2,
                "serviceId", 1)).id();
    }

    @Test
    void aCancellationIsConfirmedOnceAndAProposalNever() throws Exception {
        ToolOutcome proposal = run("c-1", "cancel_appointment", "{\"appointment_ref\":\"" + reference + "\"}");
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> twilio.getReceivedCounter() == 0);

        ToolOutcome cancelled = run("c-2", "cancel_appointment", "{\"appointment_ref\":\"" + reference + "\",\"confirm\":true}");
        run("c-3", "cancel_appointment", "{\"appointment_ref\":\"" + reference + "\",\"confirm\":true}");
        run("c-2", "cancel_appointment", "{\"appointment_ref\":\"" + reference + "\",\"confirm\":true}");

        assertThat(proposal.answer().failed()).isFalse();
        assertThat(cancelled.answer().failed()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> twilio.getReceivedCounter() == 1);
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> twilio.getReceivedCounter() == 1);
        assertThat(twilio.getReceivedExchanges().get(0).getMessage().getHeader("CamelTwilio.to")).isEqualTo(new PhoneNumber(CALLER));
        assertThat(twilio.getReceivedExchanges().get(0).getMessage().getHeader("CamelTwilio.body", String.class))
                .contains("is cancelled").contains("at 10:00");
    }

    @Test
    void aMoveIsConfirmedOnceWithTheNewTimeAndAFailedOneNever() throws Exception {
        ToolOutcome notFree = run("r-0", "reschedule_appointment",
                "{\"appointment_ref\":\"" + reference + "\",\"date\":\"" + day + "\",\"time\":\"03:00\"}");
        assertThat(notFree.answer().error()).contains("stays as it is.");
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> twilio.getReceivedCounter() == 0);

        String move = "{\"appointment_ref\":\"" + reference + "\",\"date\":\"" + day + "\",\"time\":\"16:00\"}";
        ToolOutcome moved = run("r-1", "reschedule_appointment", move);
        run("r-1", "reschedule_appointment", move);

        assertThat(moved.answer().failed()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> twilio.getReceivedCounter() == 1);
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> twilio.getReceivedCounter() == 1);
        int newReference = sandbox.appointments(Map.of("date", day.toString())).get(0).id();
        assertThat(twilio.getReceivedExchanges().get(0).getMessage().getHeader("CamelTwilio.body", String.class))
                .contains("has moved to").contains("at 16:00").contains("reference is " + newReference);
    }

    private ToolOutcome run(String id, String function, String arguments) throws Exception {
        return producer.requestBody("direct:tool-call", new ToolCall(id, function, (ObjectNode) JSON.readTree(arguments), true,
                new CallContext("call-route", CALLER, null)), ToolOutcome.class);
    }

}

package io.github.vapireceptionist.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.vapireceptionist.availability.SpokenDates;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * Email confirmations against a real SMTP server in the test JVM (GreenMail on loopback), with SMS
 * listed too but in dry-run (no Twilio credentials): {@code sms,email} sends both. 451/550 replies
 * come from a scripted server on the same port.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
    "app.name=Amatou Physio",
    "confirmation.channels=sms,email",
    "confirmation.budget-ms=1500",
    "confirmation.max-retries=3",
    "confirmation.retry-delay-ms=200",
    "email.smtp-host=127.0.0.1",
    "email.endpoint-host=127.0.0.1",
    "email.smtp-starttls=false",
    "email.timeout-ms=2000",
    "email.from=Amatou Physio <bookings@amatou.example>",
    "email.business-phone=020 7946 0000"
})
class EmailConfirmationContractTest extends AppTest {

    private static final int SMTP_PORT = TestSocketUtils.findAvailableTcpPort();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** How long an email that should not be sent is given to show up: sends run on another thread. */
    private static final Duration QUIET = Duration.ofSeconds(1);

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("email.smtp-port", () -> SMTP_PORT);
    }

    @Autowired
    SandboxCalendar sandbox;

    @Autowired
    BookingReplays replays;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(LONDON).plusDays(3));

    @Autowired
    CamelContext camel;

    @BeforeEach
    void freshCalendar() {
        sandbox.reset();
        replays.clear();
    }

    /** A send still retrying must not reach the next test's server. */
    @AfterEach
    void noSendInFlight() {
        await().atMost(Duration.ofSeconds(15)).until(() -> camel.getInflightRepository().size("send-email-confirmation") == 0);
    }

    @Test
    void aKeptBookingIsEmailedOnceWithBothBodiesAndAnInvitationAtTheBookedLocalTime(CapturedOutput output) throws Exception {
        JsonNode booked = booked(book("tc-e1", "10:00", "Ada", "ada@example.com"));
        JsonNode replay = booked(book("tc-e1", "10:00", "Ada", "ada@example.com"));

        assertThat(booked.get("confirmation_sent").asBoolean()).as("the email was accepted within the budget").isTrue();
        assertThat(replay.get("appointment_id")).isEqualTo(booked.get("appointment_id"));
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        await("one email, the replay sent nothing").during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> smtp.getReceivedMessages().length == 1);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(output.getOut()).as("sms,email: the SMS went too (dry-run here), email is not a fallback")
                .contains("confirmation_dry_run appointment_id=" + booked.get("appointment_id").asInt() + " channel=SMS");

        MimeMessage mail = received[0];
        int id = booked.get("appointment_id").asInt();
        assertThat(((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0]).getAddress()).isEqualTo("ada@example.com");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("bookings@amatou.example");
        assertThat(mail.getSubject()).startsWith("Amatou Physio: you're booked for").endsWith("at 10:00");

        List<Part> parts = new ArrayList<>();
        leaves(mail, parts);
        String text = body(parts, "text/plain");
        String html = body(parts, "text/html");
        assertThat(text).contains("Amatou Physio", "at 10:00", "reference is " + id, "020 7946 0000");
        assertThat(html).contains("<strong>Amatou Physio</strong>", "10:00", String.valueOf(id), "020 7946 0000");

        Part invitation = parts.stream().filter(p -> "appointment.ics".equals(fileName(p))).findFirst().orElseThrow();
        assertThat(invitation.getContentType()).containsIgnoringCase("text/calendar").containsIgnoringCase("method=REQUEST");
        Calendar calendar;
        try (InputStream in = invitation.getInputStream()) {
            calendar = new CalendarBuilder().build(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
        assertThat(calendar.getComponent(Component.VTIMEZONE)).as("the VTIMEZONE that TZID refers to").isPresent();
        VEvent event = (VEvent) calendar.getComponent(Component.VEVENT).orElseThrow();
        assertThat(event.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo("appointment-" + id + "@amatou.example");
        Temporal start = ((DtStart<?>) event.getProperty(Property.DTSTART).orElseThrow()).getDate();
        assertThat(start).isInstanceOf(ZonedDateTime.class);
        assertThat(((ZonedDateTime) start).withZoneSameInstant(LONDON).toLocalDateTime()).isEqualTo(day.atTime(10, 0));
    }

    @Test
    void aCancellationIsEmailedOnceAndItsInvitationCancelsTheBookedEvent() throws Exception {
        int id = booked(book("tc-e7", "15:00", "Ada", "ada@example.com")).get("appointment_id").asInt();
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        String cancel = "{\"appointment_ref\":\"" + id + "\",\"confirm\":true}";

        booked(webhook(VapiPayloads.toolCallFrom("+447123456789", "tc-e8", "cancel_appointment", cancel)));
        booked(webhook(VapiPayloads.toolCallFrom("+447123456789", "tc-e9", "cancel_appointment", cancel)));

        assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
        await("the booking's email and one cancellation, not one per repeat").during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> smtp.getReceivedMessages().length == 2);
        MimeMessage[] received = smtp.getReceivedMessages();
        MimeMessage mail = received[1];
        assertThat(mail.getSubject()).isEqualTo("Amatou Physio: your appointment on " + SpokenDates.day(day) + " at 15:00 is cancelled");
        List<Part> parts = new ArrayList<>();
        leaves(mail, parts);
        Part invitation = parts.stream().filter(p -> "appointment.ics".equals(fileName(p))).findFirst().orElseThrow();
        assertThat(invitation.getContentType()).containsIgnoringCase("method=CANCEL");
        Calendar calendar;
        try (InputStream in = invitation.getInputStream()) {
            calendar = new CalendarBuilder().build(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        VEvent event = (VEvent) calendar.getComponent(Component.VEVENT).orElseThrow();
        assertThat(event.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo("appointment-" + id + "@amatou.example");
        assertThat(event.getProperty(Property.STATUS).orElseThrow().getValue()).isEqualTo("CANCELLED");
    }

    @Test
    void aServerThatIsDownIsRetriedAndTheBookingStillSucceeds() throws Exception {
        smtp.stop();
        CompletableFuture.runAsync(smtp::start, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        JsonNode booked = booked(book("tc-e2", "10:30", "Ada", "ada@example.com"));
        assertThat(booked.get("success").asBoolean()).isTrue();
        assertThat(sandbox.appointments(Map.of("date", day.toString()))).hasSize(1);

        assertThat(smtp.waitForIncomingEmail(5_000, 1)).as("a later attempt reached the server once it was back").isTrue();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void a451IsRetriedABoundedNumberOfTimesAndNeverCostsTheBooking(CapturedOutput output) throws Exception {
        smtp.stop();
        try (ScriptedSmtpServer busy = new ScriptedSmtpServer(SMTP_PORT, "451 4.3.0 mailbox temporarily unavailable")) {
            JsonNode booked = booked(book("tc-e3", "11:00", "Ada", "ada@example.com"));

            assertThat(booked.get("success").asBoolean()).isTrue();
            assertThat(sandbox.appointments(Map.of("date", day.toString()))).hasSize(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("channel=EMAIL to=a***@example.com reason=smtp 451"));
            assertThat(busy.recipientsRefused()).as("first attempt and 3 retries").isEqualTo(4);
        }
    }

    @Test
    void a550IsNotRetriedAndIsLoggedWithTheAddressMasked(CapturedOutput output) throws Exception {
        smtp.stop();
        try (ScriptedSmtpServer refusing = new ScriptedSmtpServer(SMTP_PORT, "550 5.1.1 no such user")) {
            JsonNode booked = booked(book("tc-e4", "11:30", "Ada", "ada@example.com"));

            assertThat(booked.get("success").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("reason=smtp 550"));
            // retries would come 200, 400 and 800 ms apart (confirmation.retry-delay-ms)
            await("no retry of a permanent refusal").during(QUIET.multipliedBy(2)).atMost(QUIET.plusSeconds(6))
                    .until(() -> refusing.recipientsRefused() == 1);
            assertThat(output.getOut()).contains("confirmation_failed appointment_id=" + booked.get("appointment_id").asInt()
                    + " channel=EMAIL to=a***@example.com reason=smtp 550");
        }
    }

    @Test
    void aHeaderInjectionAttemptSendsNothingHarmful() throws Exception {
        HttpResponse<String> injected = book("tc-e5", "14:00", "Ada\\r\\nBcc: victim@example.org", "ada@example.com");
        HttpResponse<String> injectedEmail = book("tc-e6", "14:30", "Ada", "ada@example.com\\r\\nBcc: victim@example.org");
        JsonNode kept = booked(book("tc-e10", "15:30", "Ada", "ada@example.com"));

        // a line break is a control character: either field holding one is refused before anything is written
        assertThat(injected.statusCode()).isEqualTo(200);
        assertThat(injected.body()).contains("I couldn't read the first name");
        assertThat(injectedEmail.statusCode()).isEqualTo(200);
        assertThat(injectedEmail.body()).contains("I couldn't read the email address");
        assertThat(kept.get("success").asBoolean()).isTrue();
        assertThat(sandbox.appointments(Map.of("date", day.toString()))).hasSize(1);
        await("only the booking whose fields were accepted is emailed").during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> smtp.getReceivedMessages().length == 1);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getHeader("To")).hasSize(1);
        assertThat(mail.getHeader("To")[0]).doesNotContain("\r", "\n");
        assertThat(mail.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("ada@example.com");
    }

    private HttpResponse<String> book(String toolCallId, String time, String firstName, String email) {
        return webhook(VapiPayloads.toolCall(toolCallId, "book_appointment", "{\"date\":\"" + day + "\",\"time\":\"" + time
                + "\",\"first_name\":\"" + firstName + "\",\"last_name\":\"Lovelace\",\"email\":\"" + email
                + "\",\"phone\":\"07123 456789\"}"));
    }

    private static void leaves(Part part, List<Part> into) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                leaves(child, into);
            }
        } else {
            into.add(part);
        }
    }

    private static String body(List<Part> parts, String type) throws Exception {
        for (Part part : parts) {
            if (part.isMimeType(type) && fileName(part) == null) {
                return part.getContent().toString();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static String fileName(Part part) {
        try {
            return part.getFileName();
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode booked(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode call = JSON.readTree(response.body()).at("/results/0");
        assertThat(call.has("result")).as(response.body()).isTrue();
        return JSON.readTree(call.get("result").asText());
    }

}

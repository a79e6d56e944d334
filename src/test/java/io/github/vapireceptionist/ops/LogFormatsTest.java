package io.github.vapireceptionist.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** Both console formats: what a line holds, and that no email or phone number leaves unmasked. */
class LogFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoggerContext context = new LoggerContext();

    private LoggingEvent event(String message, Throwable thrown) {
        LoggingEvent event = new LoggingEvent("test", context.getLogger("io.github.vapireceptionist.booking.BookingSteps"),
                Level.INFO, message, thrown, null);
        event.setThreadName("task-3");
        event.setMDCPropertyMap(Map.of("correlation_id", "019aa9bb-c0de", "tool_call_id", "call_2",
                "camel.exchangeId", "ABC-1", "camel.contextId", "camel-1"));
        return event;
    }

    @Test
    void aJsonLineHasTheEventItsContextAndMaskedValues() throws Exception {
        LoggingEvent event = event("appointment_booked appointment_id=12 email=ada@example.com phone +44 7123 456789", null);
        event.addKeyValuePair(new KeyValuePair("appointment_id", 12));
        event.addKeyValuePair(new KeyValuePair("email", "ada@example.com"));

        String line = new JsonLogFormat().format(event);

        assertThat(line).endsWith("\n").doesNotContain("ada@example.com").doesNotContain("7123 456789");
        JsonNode json = JSON.readTree(line);
        assertThat(json.path("timestamp").asText()).endsWith("Z");
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("event").asText()).isEqualTo("appointment_booked");
        assertThat(json.path("logger").asText()).endsWith("BookingSteps");
        assertThat(json.path("thread").asText()).isEqualTo("task-3");
        assertThat(json.path("correlation_id").asText()).isEqualTo("019aa9bb-c0de");
        assertThat(json.path("tool_call_id").asText()).isEqualTo("call_2");
        assertThat(json.path("exchange_id").asText()).isEqualTo("ABC-1");
        assertThat(json.has("camel.contextId")).isFalse();
        assertThat(json.path("appointment_id").isInt()).isTrue();
        assertThat(json.path("email").asText()).isEqualTo("a***@example.com");
        assertThat(json.path("message").asText()).contains("a***@example.com").contains("***789");
    }

    @Test
    void aFrameworkLineHasNoEventAndAStackTraceIsMasked() throws Exception {
        JsonNode json = JSON.readTree(new JsonLogFormat().format(
                event("Calendar call failed", new IllegalStateException("customer bob@example.com exists"))));

        assertThat(json.has("event")).isFalse();
        assertThat(json.path("error").asText()).contains("IllegalStateException").contains("b***@example.com")
                .doesNotContain("bob@example.com");
    }

    @Test
    void anExplicitEventPairWinsAndIsNotRepeated() throws Exception {
        LoggingEvent event = event("Booked", null);
        event.addKeyValuePair(new KeyValuePair("event", "appointment_booked"));

        String line = new JsonLogFormat().format(event);

        assertThat(JSON.readTree(line).path("event").asText()).isEqualTo("appointment_booked");
        assertThat(line.split("\"event\"", -1)).hasSize(2);
    }

    @Test
    void aTextLineIsReadableAndMaskedTheSameWay() {
        String line = new TextLogFormat().format(event("confirmation_sent to=+447123456789 ada@example.com", null));

        assertThat(line).contains(" INFO [task-3] BookingSteps: confirmation_sent to=***789 a***@example.com")
                .contains("correlation_id=019aa9bb-c0de").doesNotContain("ABC-1").endsWith(System.lineSeparator());
    }
}

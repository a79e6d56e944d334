package io.github.vapireceptionist.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * With BUSINESSES_FILE the meters that count one business's work carry its id as the {@code business} label: each
 * business's tool calls (count, sum and max, without buckets: the latency histogram stays one for the deployment),
 * its calls, its availability cache. Every series of such a meter has the label (Prometheus wants one set of labels
 * per name). Without the file nothing has it (ObservabilityTest, unchanged).
 */
@TestPropertySource(properties = "businesses.by-path=true")
@Import(BusinessMetricsTest.TwoSandboxes.class)
class BusinessMetricsTest extends AppTest {

    @TestConfiguration
    static class TwoSandboxes {

        @Bean
        @Primary
        Businesses northAndSouth() {
            return new Businesses(List.of(TestBusinesses.business("north", null), TestBusinesses.business("south", null)), true);
        }
    }

    @Autowired
    MeterRegistry meters;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    @Test
    void eachBusinessesWorkIsCountedUnderItsOwnLabel() throws Exception {
        double northBefore = toolCalls("north");
        double southBefore = toolCalls("south");

        assertThat(call("north", VapiPayloads.toolCall("m-n1", "check_availability", "{\"date\":\"" + day + "\"}")).statusCode()).isEqualTo(200);
        String slot = toolResult(call("north", VapiPayloads.toolCall("m-n2", "check_availability", "{\"date\":\"" + day + "\"}")))
                .get("slots").get(0).asText();
        assertThat(toolResult(call("north", VapiPayloads.toolCall("m-n3", "book_appointment", "{\"date\":\"" + day + "\",\"time\":\""
                + slot + "\",\"first_name\":\"Ada\",\"last_name\":\"Metric\",\"email\":\"ada.metric@example.com\","
                + "\"phone\":\"07123 456789\"}"))).get("success").asBoolean()).isTrue();
        assertThat(call("south", VapiPayloads.toolCall("m-s1", "check_availability", "{\"date\":\"" + day + "\"}")).statusCode()).isEqualTo(200);
        assertThat(call("south", "{\"message\":{\"type\":\"end-of-call-report\",\"endedReason\":\"customer-ended-call\","
                + "\"call\":{\"id\":\"call-metrics-south\"}}}").statusCode()).isEqualTo(200);

        assertThat(call("south", "{\"message\":{\"type\":\"assistant-request\",\"call\":{\"id\":\"call-metrics-assistant\"}}}")
                .statusCode()).isEqualTo(200);
        // the booking's confirmation is sent off the caller's path (a dry run: north has no senders)
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.find("confirmations").tag("business", "north").counter() != null);

        assertThat(toolCalls("north") - northBefore).isEqualTo(2);
        assertThat(meters.find("assistant.requests").tags("business", "south", "outcome", "assistant").counter()).isNotNull();
        assertThat(toolCalls("south") - southBefore).isEqualTo(1);
        assertThat(meters.find("bookings").tags("business", "north", "outcome", "booked").counter()).isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isGreaterThanOrEqualTo(1));
        assertThat(meters.find("calls").tags("business", "south", "ended_reason", "customer_ended").counter()).isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isGreaterThanOrEqualTo(1));
        assertThat(meters.find("availability.cache").tag("business", "north").counters()).isNotEmpty();
        assertThat(meters.find("availability.cache").tag("business", "south").counters()).isNotEmpty();
        for (String name : List.of("business.tool.calls", "calls", "availability.cache", "tool.calls.refused", "bookings",
                "confirmations", "assistant.requests")) {
            assertThat(meters.find(name).meters()).as(name).allSatisfy(meter -> assertThat(meter.getId().getTag("business"))
                    .as("%s %s", name, meter.getId()).isNotNull());
        }
        assertThat(meters.find("tool.calls").meters()).as("the latency histogram stays one for the deployment")
                .allSatisfy(meter -> assertThat(meter.getId().getTag("business")).isNull());
        Meter.Id histogram = meters.find("business.tool.calls").timer().getId();
        assertThat(histogram.getTag("function")).isNotNull();
    }

    private double toolCalls(String business) {
        Timer timer = meters.find("business.tool.calls").tags("business", business, "function", "check_availability").timer();
        return timer == null ? 0 : timer.count();
    }

    private java.net.http.HttpResponse<String> call(String business, String body) {
        return httpPost(WEBHOOK + "/" + business, body, "x-vapi-secret", TestBusinesses.secretOf(business));
    }
}

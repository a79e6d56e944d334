package io.github.vapireceptionist.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.support.AppTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * Readiness is the instance (started, not shutting down), not the calendar every instance shares: with the
 * calendar unreachable the instance stays in the load balancer, where it answers "I can't reach the booking
 * calendar", and /actuator/health says the calendar is down, for monitoring.
 */
@TestPropertySource(properties = "easyappointments.base-url=http://127.0.0.1:9")
class ReadinessWithoutCalendarTest extends AppTest {

    @Value("${local.management.port}")
    int managementPort;

    @Test
    void anUnreachableCalendarLeavesTheInstanceReadyAndShowsInHealth() {
        HttpResponse<String> readiness = management("/actuator/health/readiness");
        HttpResponse<String> health = management("/actuator/health");

        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(health.statusCode()).as("the calendar is down: " + health.body()).isEqualTo(503);
    }

    private HttpResponse<String> management(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofSeconds(20)).GET().build());
    }
}

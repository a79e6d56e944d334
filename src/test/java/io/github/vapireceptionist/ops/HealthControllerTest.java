package io.github.vapireceptionist.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.ResponseEntity;

/** /health must not say healthy while Tomcat already answers but the webhook route does not run yet. */
class HealthControllerTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00.123456Z"), ZoneOffset.UTC);

    @Test
    void answers503StartingUntilTheRoutesRunThenTheDatasheetsShape() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            HealthController health = new HealthController(new StaticListableBeanFactory().getBeanProvider(
                    org.springframework.boot.info.BuildProperties.class), clock, camel, new ApplicationAvailabilityBean());

            ResponseEntity<Map<String, String>> starting = health.health();
            camel.start();
            ResponseEntity<Map<String, String>> started = health.health();

            assertThat(starting.getStatusCode().value()).isEqualTo(503);
            assertThat(starting.getBody()).containsEntry("status", "starting");
            assertThat(started.getStatusCode().value()).isEqualTo(200);
            assertThat(started.getBody()).containsExactly(
                    Map.entry("status", "healthy"),
                    Map.entry("timestamp", "2026-11-24T10:00:00.123Z"),
                    Map.entry("version", "unknown"));
        }
    }

    @Test
    void answers503StoppingOnceReadinessRefusesTrafficWhileRequestsInFlightFinish() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
            HealthController health = new HealthController(new StaticListableBeanFactory().getBeanProvider(
                    org.springframework.boot.info.BuildProperties.class), clock, camel, availability);
            camel.start();
            availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
            ResponseEntity<Map<String, String>> ready = health.health();
            availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));

            ResponseEntity<Map<String, String>> stopping = health.health();

            assertThat(ready.getStatusCode().value()).isEqualTo(200);
            assertThat(stopping.getStatusCode().value()).isEqualTo(503);
            assertThat(stopping.getBody()).containsEntry("status", "stopping");
        }
    }
}

package io.github.vapireceptionist.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** Readiness asks the calendar at most once per cache period, and says DOWN when it does not answer. */
class CalendarHealthIndicatorTest {

    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T09:00:00Z"));

    @Test
    void theCalendarIsAskedOncePerCachePeriodAndADownCalendarIsReported() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:calendar-service").routeId("calendar-service").process(exchange -> {
                        asked.incrementAndGet();
                        if (failure.get() != null) {
                            throw failure.get();
                        }
                        exchange.getMessage().setBody(new CalendarService(1, 30, 1));
                    });
                }
            });
            camel.start();
            Clock clock = new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now.get();
                }
            };
            CalendarHealthIndicator health = new CalendarHealthIndicator(camel, clock, Duration.ofSeconds(15));

            for (int probe = 0; probe < 5; probe++) {
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            }
            assertThat(asked).hasValue(1);

            failure.set(new CalendarUnavailableException());
            now.set(now.get().plusSeconds(16));
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsEntry("reason", "bad_response");
            assertThat(asked).hasValue(2);
        }
    }
}

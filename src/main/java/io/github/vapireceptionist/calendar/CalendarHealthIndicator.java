package io.github.vapireceptionist.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.FluentProducerTemplate;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Whether Easy!Appointments answers: the booked service read through the calendar-service route, with
 * the same URL, credentials and timeouts as every booking. The answer is kept for the cache period, so
 * probes asking every second cost the calendar one request per period, and a slow calendar delays one
 * probe per period, not all of them. Until the routes run it is OUT_OF_SERVICE (not remembered).
 */
public class CalendarHealthIndicator implements HealthIndicator {

    private record Checked(Health health, Instant at) {
    }

    private final CamelContext camel;
    private final FluentProducerTemplate calendar;
    private final Clock clock;
    private final Duration keep;
    private volatile Checked last;

    public CalendarHealthIndicator(CamelContext camel, Clock clock, Duration keep) {
        this.camel = camel;
        this.calendar = camel.createFluentProducerTemplate();
        this.clock = clock;
        this.keep = keep;
    }

    @Override
    public Health health() {
        if (!camel.isStarted()) {
            return Health.outOfService().withDetail("reason", "routes starting").build();
        }
        Checked checked = last;
        if (fresh(checked)) {
            return checked.health();
        }
        synchronized (this) {
            checked = last;
            if (!fresh(checked)) {
                checked = new Checked(check(), clock.instant());
                last = checked;
            }
            return checked.health();
        }
    }

    private boolean fresh(Checked checked) {
        return checked != null && clock.instant().isBefore(checked.at().plus(keep));
    }

    private Health check() {
        try {
            calendar.to("direct:calendar-service").request(CalendarService.class);
            return Health.up().build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("reason", CalendarRequestMetrics.outcome(e)).build();
        }
    }
}

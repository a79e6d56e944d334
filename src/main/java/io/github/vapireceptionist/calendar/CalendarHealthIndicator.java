package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.FluentProducerTemplate;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Whether Easy!Appointments answers: the booked service read through the calendar-service route, with
 * the same URL, credentials and timeouts as every booking. The answer is kept for the cache period, so
 * probes asking every second cost the calendar one request per period, and a slow calendar delays one
 * probe per period, not all of them. Until the routes run it is OUT_OF_SERVICE (not remembered).
 *
 * <p>Each probe names its business (the exchange property {@code business}), so it goes to that business's calendar.
 * With one business the answer is that calendar's, as it always was; with several every business's calendar is
 * asked in turn, each one's answer is a detail under its id, and the whole is DOWN when any of them is.
 */
public class CalendarHealthIndicator implements HealthIndicator {

    private record Checked(Health health, Instant at) {
    }

    private final CamelContext camel;
    private final Businesses businesses;
    private final FluentProducerTemplate calendar;
    private final Clock clock;
    private final Duration keep;
    private volatile Checked last;

    public CalendarHealthIndicator(CamelContext camel, Businesses businesses, Clock clock, Duration keep) {
        this.camel = camel;
        this.businesses = businesses;
        this.calendar = camel.createFluentProducerTemplate();
        this.clock = clock;
        this.keep = keep;
    }

    /** A probe of the calendar-service route alone, naming no business (a context without businesses). */
    public CalendarHealthIndicator(CamelContext camel, Clock clock, Duration keep) {
        this(camel, null, clock, keep);
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
        List<Business> all = businesses == null ? Collections.singletonList(null) : businesses.all();
        if (all.size() == 1) {
            return check(all.get(0));
        }
        Map<String, Health> each = new LinkedHashMap<>();
        all.forEach(business -> each.put(business.id(), check(business)));
        boolean allUp = each.values().stream().allMatch(health -> Status.UP.equals(health.getStatus()));
        return (allUp ? Health.up() : Health.down()).withDetails(each).build();
    }

    private Health check(Business business) {
        try {
            calendar.to("direct:calendar-service")
                    .withProcessor(exchange -> exchange.setProperty(Businesses.EXCHANGE_PROPERTY, business))
                    .request(CalendarService.class);
            return Health.up().build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("reason", CalendarRequestMetrics.outcome(e)).build();
        }
    }
}

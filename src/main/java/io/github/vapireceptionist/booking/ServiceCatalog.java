package io.github.vapireceptionist.booking;

import io.github.vapireceptionist.calendar.CalendarService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.FluentProducerTemplate;

/**
 * The booked service's duration and attendants, read through the calendar-service route and kept
 * for a few minutes: they change rarely, and every booking needs them.
 */
public class ServiceCatalog {

    static final Duration KEEP = Duration.ofMinutes(10);

    private final FluentProducerTemplate calendar;
    private final Clock clock;
    private volatile CalendarService service;
    private volatile Instant expires = Instant.MIN;

    public ServiceCatalog(FluentProducerTemplate calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    public CalendarService current() {
        if (service == null || clock.instant().isAfter(expires)) {
            service = calendar.to("direct:calendar-service").request(CalendarService.class);
            expires = clock.instant().plus(KEEP);
        }
        return service;
    }
}

package io.github.vapireceptionist.booking;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.CalendarService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.FluentProducerTemplate;

/**
 * One business's booked service: its duration and attendants, read through the calendar-service route from that
 * business's calendar and kept for a few minutes: they change rarely, and every booking needs them.
 */
public class ServiceCatalog {

    static final Duration KEEP = Duration.ofMinutes(10);

    private final FluentProducerTemplate calendar;
    private final Clock clock;
    private final Business business;
    private volatile CalendarService service;
    private volatile Instant expires = Instant.MIN;

    /** {@code business}: whose calendar is asked (the exchange it sends carries it); null: the only business's. */
    public ServiceCatalog(FluentProducerTemplate calendar, Clock clock, Business business) {
        this.calendar = calendar;
        this.clock = clock;
        this.business = business;
    }

    public ServiceCatalog(FluentProducerTemplate calendar, Clock clock) {
        this(calendar, clock, null);
    }

    public CalendarService current() {
        if (service == null || clock.instant().isAfter(expires)) {
            service = calendar.to("direct:calendar-service")
                    .withProcessor(exchange -> {
                        if (business != null) {
                            exchange.setProperty(Businesses.EXCHANGE_PROPERTY, business);
                        }
                    })
                    .request(CalendarService.class);
            expires = clock.instant().plus(KEEP);
        }
        return service;
    }
}

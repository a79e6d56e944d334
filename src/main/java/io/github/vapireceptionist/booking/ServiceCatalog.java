package io.github.vapireceptionist.booking;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.business.PerBusiness;
import io.github.vapireceptionist.calendar.CalendarService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.FluentProducerTemplate;

/**
 * A business's booked service: its duration and attendants, read through the calendar-service route from that
 * business's calendar (the exchange it sends carries the business) and kept for a few minutes: they change rarely,
 * and every booking needs them. Each business has its own ({@link #of}): a booking in one is never made with the
 * length of another's service.
 */
public class ServiceCatalog {

    static final Duration KEEP = Duration.ofMinutes(10);

    private final FluentProducerTemplate calendar;
    private final Clock clock;
    /** Whose service this is; null: the only business's, whatever the exchange would say. */
    private final Business business;
    /** Every business's own, this one for its own business; null: this one is the only one. */
    private final PerBusiness<ServiceCatalog> byBusiness;
    private volatile CalendarService service;
    private volatile Instant expires = Instant.MIN;

    /** One business's service, with no others (unit tests). */
    public ServiceCatalog(FluentProducerTemplate calendar, Clock clock) {
        this(calendar, clock, null, null);
    }

    /** The first business's service (without BUSINESSES_FILE the one business's), and the others' made on first use. */
    public ServiceCatalog(FluentProducerTemplate calendar, Clock clock, Businesses businesses) {
        this(calendar, clock, businesses.all().get(0), businesses);
    }

    private ServiceCatalog(FluentProducerTemplate calendar, Clock clock, Business business, Businesses businesses) {
        this.calendar = calendar;
        this.clock = clock;
        this.business = business;
        // the business as it was at start is this bean; as a reload changed it, a catalog of its own
        this.byBusiness = businesses == null ? null : new PerBusiness<>(
                other -> other.equals(business) ? this : new ServiceCatalog(calendar, clock, other, null)).droppedWhenGoneFrom(businesses);
    }

    /** {@code business}'s own service; null (a step that was not told its business): this one. */
    public ServiceCatalog of(Business business) {
        return business == null || byBusiness == null ? this : byBusiness.of(business);
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

package io.github.vapireceptionist.support;

import io.github.vapireceptionist.booking.ServiceCatalog;
import io.github.vapireceptionist.calendar.CalendarService;
import java.time.Clock;

/**
 * The booked service, fixed: service 1, 30 minutes, one attendant, for every business, so that a test of several
 * businesses counts only the calendar calls of what it is about (ServiceCatalog reads each business's own service
 * from its own calendar: CatalogPerBusinessTest).
 */
public final class FixedServiceCatalog extends ServiceCatalog {

    public FixedServiceCatalog() {
        super(null, Clock.systemUTC());
    }

    @Override
    public CalendarService current() {
        return new CalendarService(1, 30, 1);
    }
}

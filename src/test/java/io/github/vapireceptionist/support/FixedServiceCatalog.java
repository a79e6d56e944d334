package io.github.vapireceptionist.support;

import io.github.vapireceptionist.booking.ServiceCatalog;
import io.github.vapireceptionist.calendar.CalendarService;
import java.time.Clock;

/**
 * The booked service, fixed: service 1, 30 minutes, one attendant, for every business. For tests of several
 * businesses until ServiceCatalog reads each business's own service (issue 19, step 5): today it asks
 * direct:calendar-service naming no business, which several businesses rightly refuse.
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

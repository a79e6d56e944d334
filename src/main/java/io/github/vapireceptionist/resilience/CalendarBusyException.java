package io.github.vapireceptionist.resilience;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.vapireceptionist.calendar.CalendarSlowException;

/**
 * A business already has as many calls in flight as it may (its calendar calls, or its tool calls), because its
 * calendar is slow to answer: the caller hears the slow calendar's sentence at once. Caused by the
 * {@link BulkheadFullException}, so the calendar's breaker does not count it against the calendar
 * ({@link ResilienceConfiguration#notTheCalendarsFault}): it is this app keeping one business from taking everyone's
 * share, not the calendar failing.
 */
public class CalendarBusyException extends CalendarSlowException {

    public CalendarBusyException(BulkheadFullException full) {
        super(full);
    }
}

package io.github.vapireceptionist.calendar;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Easy!Appointments latency and errors by operation: calendar_requests_seconds{operation, outcome}.
 * Each calendar-* route (one templatedRoute of routes/calendar.camel.yaml) is one operation of the API, so the
 * operation is the route id without its prefix (calendar-availabilities: availabilities), and a new calendar
 * route is measured without any change here. outcome: success, timeout, unreachable, bad_response (the calendar answered something
 * other than the contract's success: 401, 500, garbage), rate_limited (429: its per-address limit), conflict (an email
 * already in use) or error. A read the availability cache answered made no request and is not counted here.
 */
public class CalendarRequestMetrics implements RoutePolicyFactory {

    static final String ROUTE_PREFIX = "calendar-";
    private static final Logger log = LoggerFactory.getLogger(CalendarRequestMetrics.class);

    private final MeterRegistry meters;

    public CalendarRequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return routeId != null && routeId.startsWith(ROUTE_PREFIX) ? new Timing(routeId.substring(ROUTE_PREFIX.length())) : null;
    }

    static String outcome(Throwable failure) {
        if (failure == null) {
            return "success";
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EmailAlreadyInUseException) {
                return "conflict";
            }
            if (t instanceof WriteOutcomeUnknownException && t.getCause() == null) {
                return "bad_response";    // a proxy's 5xx to a write
            }
            if (t instanceof CalendarRateLimitedException) {
                return "rate_limited";
            }
            if (t instanceof CalendarUnavailableException) {
                return "bad_response";
            }
            if (t instanceof InterruptedIOException) {
                return "timeout";
            }
            if (t instanceof IOException) {
                return "unreachable";
            }
        }
        return "error";
    }

    /** Times one calendar route: from entering it to leaving it, failures included. */
    private final class Timing extends RoutePolicySupport {

        private final String operation;
        private final String startedProperty;

        Timing(String operation) {
            this.operation = operation;
            this.startedProperty = "calendarRequestStarted." + operation;
        }

        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            exchange.setProperty(startedProperty, System.nanoTime());
        }

        @Override
        public void onExchangeDone(Route route, Exchange exchange) {
            Long started = exchange.getProperty(startedProperty, Long.class);
            if (started == null) {
                return;
            }
            exchange.removeProperty(startedProperty);
            Object answered = exchange.removeProperty(AvailabilityCache.ANSWERED);
            if (answered == AvailabilityCache.Answer.CACHE || answered == AvailabilityCache.Answer.SHARED) {
                return; // no request of its own: availability_cache_total counts it
            }
            long nanos = System.nanoTime() - started;
            // a stale answer covered a failed request: the request is counted as what it was
            String outcome = outcome(answered == AvailabilityCache.Answer.STALE
                    ? exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class) : exchange.getException());
            Timer.builder("calendar.requests")
                    .description("Easy!Appointments requests by operation (calendar-* route) and outcome")
                    .tags("operation", operation, "outcome", outcome)
                    .register(meters)
                    .record(nanos, TimeUnit.NANOSECONDS);
            log.debug("calendar_request operation={} outcome={} duration_ms={}", operation, outcome,
                    TimeUnit.NANOSECONDS.toMillis(nanos));
        }
    }
}

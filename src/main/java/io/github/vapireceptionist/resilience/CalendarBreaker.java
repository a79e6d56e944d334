package io.github.vapireceptionist.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.business.PerBusiness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The {@code policy} around every calendar call (routes/calendar.camel.yaml): the calendar of the exchange's business
 * behind that business's own circuit breaker and bulkhead, so a calendar that fails or hangs turns away only its own
 * business's callers.
 *
 * <ul>
 * <li>Breaker: one per business from the one {@link CircuitBreakerRegistry}, with the calendar's settings
 * ({@code resilience.circuit-breaker.calendar}); named {@value #DEFAULT_NAME} for the business of a deployment
 * without BUSINESSES_FILE (the {@code calendarCircuitBreaker} bean, its log lines as before), {@code calendar:<id>}
 * for the others. While it is open a call fails at once with {@code CallNotPermittedException}, as the
 * {@code circuitBreaker} step did; a call's outcome is recorded with the same rule of what is not the calendar's
 * fault.</li>
 * <li>Bulkhead: at most EASYAPPOINTMENTS_MAX_CONNECTIONS calendar calls of one business in flight; one more waits
 * for a free place as long as a pooled connection would be waited for (EASYAPPOINTMENTS_CONNECT_TIMEOUT_MS), then
 * hears the slow calendar's sentence ({@link CalendarBusyException}, counted in
 * {@code calendar_bulkhead_refusals_total{business}}), which the breaker does not count against the calendar.</li>
 * </ul>
 *
 * As with the {@code circuitBreaker} step, a call that fails leaves the message as it was before the call (the
 * request, not the calendar's answer) for the steps that handle the failure.
 */
public class CalendarBreaker extends PermitPolicy {

    /** The breaker's name for the business of a deployment without BUSINESSES_FILE: the one breaker of before. */
    public static final String DEFAULT_NAME = "calendar";

    private record Guard(String businessId, CircuitBreaker breaker, Bulkhead bulkhead, Counter refusals) {
    }

    private final Businesses businesses;
    private final PerBusiness<Guard> guards;

    public CalendarBreaker(Businesses businesses, CircuitBreakerRegistry registry, CircuitBreakerConfig breaker,
            BulkheadConfig bulkhead, MeterRegistry meters) {
        this.businesses = businesses;
        // a business whose settings changed keeps its breaker by name, with the old calendar's record forgotten
        // a call still in flight for a business a reload removed gets a guard of its own, registered nowhere: its
        // breaker and meters would otherwise come back after the reload forgot them, and stay for good
        this.guards = new PerBusiness<>(Business::calendar, business -> guard(business.id(), registry, breaker, bulkhead, meters),
                guard -> guard.breaker().reset()).droppedWhenGoneFrom(businesses, guard -> forget(guard, registry, meters))
                .keptNowhere(business -> unregistered(business.id(), breaker, bulkhead));
    }

    /** The breaker's name in the registry and in the {@code circuit_breaker name=...} log lines. */
    public static String breakerName(String businessId) {
        return Businesses.DEFAULT_ID.equals(businessId) ? DEFAULT_NAME : DEFAULT_NAME + ":" + businessId;
    }

    /** The business's calendar breaker (made on first use). */
    public CircuitBreaker breakerOf(Business business) {
        return guards.of(business).breaker();
    }

    /** The business's calendar bulkhead (made on first use). */
    public Bulkhead bulkheadOf(Business business) {
        return guards.of(business).bulkhead();
    }

    private static Guard guard(String businessId, CircuitBreakerRegistry registry, CircuitBreakerConfig breakerConfig,
            BulkheadConfig bulkheadConfig, MeterRegistry meters) {
        String name = breakerName(businessId);
        CircuitBreaker breaker = registry.circuitBreaker(name, breakerConfig);
        Gauge.builder("calendar.breaker.state", breaker, CalendarBreaker::stateCode)
                .description("The calendar's circuit breaker of each business: 0 closed, 1 open, 2 half-open, 3 other")
                .tag("business", businessId)
                .strongReference(true)
                .register(meters);
        Counter refusals = Counter.builder("calendar.bulkhead.refusals")
                .description("Calendar calls refused because the business already had its most in flight")
                .tag("business", businessId)
                .register(meters);
        return new Guard(businessId, breaker, Bulkhead.of(name, bulkheadConfig), refusals);
    }

    /** For a call of a business no longer in the set: its own breaker and share, in no registry. */
    private static Guard unregistered(String businessId, CircuitBreakerConfig breakerConfig, BulkheadConfig bulkheadConfig) {
        String name = breakerName(businessId);
        return new Guard(businessId, CircuitBreaker.of(name, breakerConfig), Bulkhead.of(name, bulkheadConfig),
                Counter.builder("calendar.bulkhead.refusals").register(new SimpleMeterRegistry()));
    }

    /** A business that left the file: its breaker leaves the registry, its meters the registry of meters. */
    private static void forget(Guard guard, CircuitBreakerRegistry registry, MeterRegistry meters) {
        if (!DEFAULT_NAME.equals(guard.breaker().getName())) {
            registry.remove(guard.breaker().getName());
        }
        meters.find("calendar.breaker.state").tag("business", guard.businessId()).meters().forEach(meters::remove);
        meters.remove(guard.refusals());
    }

    private static double stateCode(CircuitBreaker breaker) {
        return switch (breaker.getState()) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }

    @Override
    protected Permit acquire(Exchange exchange) {
        Guard guard = guards.of(businesses.of(exchange));
        CircuitBreaker breaker = guard.breaker();
        breaker.acquirePermission();
        Bulkhead bulkhead = guard.bulkhead();
        if (!bulkhead.tryAcquirePermission()) {
            BulkheadFullException full = BulkheadFullException.createBulkheadFullException(bulkhead);
            // not the calendar's fault: the breaker gives its permission back without counting the call
            breaker.onError(0, breaker.getTimestampUnit(), full);
            guard.refusals().increment();
            throw new CalendarBusyException(full);
        }
        Message before = exchange.getMessage().copy();
        long started = breaker.getCurrentTimestamp();
        return done -> {
            bulkhead.onComplete();
            long duration = breaker.getCurrentTimestamp() - started;
            Exception failure = done.getException();
            if (failure == null) {
                breaker.onSuccess(duration, breaker.getTimestampUnit());
            } else {
                breaker.onError(duration, breaker.getTimestampUnit(), failure);
                done.setMessage(before);
            }
        };
    }
}

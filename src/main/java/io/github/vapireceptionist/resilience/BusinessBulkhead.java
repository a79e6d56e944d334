package io.github.vapireceptionist.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.business.PerBusiness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.apache.camel.Exchange;

/**
 * The {@code policy} around a tool call's function (routes/tool-call.camel.yaml): at most a number of tool calls of
 * one business in progress at once, so a business whose calendar hangs holds at most that many of the webhook's
 * threads (WEBHOOK_WORKER_THREADS, shared by every business) and the others keep theirs. One more is answered at
 * once with the slow calendar's sentence ({@link CalendarBusyException}: a full share means its calendar calls are
 * slow), counted in {@code tool_calls_refused_total{business}}. Nothing of the function has run then, so the
 * caller's next try is answered as any other.
 */
public class BusinessBulkhead extends PermitPolicy {

    private record Share(Bulkhead bulkhead, Counter refusals) {
    }

    private final Businesses businesses;
    private final PerBusiness<Share> shares;

    /** {@code concurrentToolCalls}: the most tool calls of one business in progress at once. */
    public BusinessBulkhead(Businesses businesses, int concurrentToolCalls, MeterRegistry meters) {
        this.businesses = businesses;
        BulkheadConfig config = BulkheadConfig.custom()
                .maxConcurrentCalls(concurrentToolCalls)
                .maxWaitDuration(Duration.ZERO)
                .writableStackTraceEnabled(false)
                .build();
        // a call still in flight for a business a reload removed counts in a registry of its own: registered here, its
        // meter would come back after the reload forgot it, and stay for good (as CalendarBreaker's guards)
        this.shares = new PerBusiness<>(Business::id, business -> share(business, config, meters),
                share -> meters.remove(share.refusals())).droppedWhenGoneFrom(businesses)
                .keptNowhere(business -> share(business, config, new SimpleMeterRegistry()));
    }

    private static Share share(Business business, BulkheadConfig config, MeterRegistry meters) {
        return new Share(Bulkhead.of("tool-calls:" + business.id(), config), Counter.builder("tool.calls.refused")
                .description("Tool calls answered at once because their business had its most in progress")
                .tag("business", business.id())
                .register(meters));
    }

    /** The business's bulkhead (made on first use). */
    public Bulkhead bulkheadOf(Business business) {
        return shares.of(business).bulkhead();
    }

    @Override
    protected Permit acquire(Exchange exchange) {
        Share share = shares.of(businesses.of(exchange));
        Bulkhead bulkhead = share.bulkhead();
        if (!bulkhead.tryAcquirePermission()) {
            share.refusals().increment();
            throw new CalendarBusyException(BulkheadFullException.createBulkheadFullException(bulkhead));
        }
        return done -> bulkhead.onComplete();
    }
}

package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.BusinessTags;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.business.PerBusiness;
import io.github.vapireceptionist.core.DividedCapacity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;

/**
 * Each business's own {@link AvailabilityCache}, found from the exchange's business: what routes/calendar.camel.yaml
 * calls, with the cache's own method names. Provider 2's Monday in one business's calendar is not provider 2's Monday
 * in another's, and a booking in one forgets only that business's days. The days remembered (availability-cache
 * max-days) are the deployment's bound: the businesses whose caches hold days share it equally (DividedCapacity), so
 * a busy business never pushes out another's days (it would slow that business's answers).
 */
public class AvailabilityCaches {

    private final Businesses businesses;
    private final PerBusiness<AvailabilityCache> caches;

    /**
     * {@code first} is the first business's cache (the one business without BUSINESSES_FILE: the
     * {@code availabilityCache} bean); every other business gets {@link AvailabilityCache#another another} like it.
     * A cache made again (the business's settings changed) starts empty.
     */
    public AvailabilityCaches(Businesses businesses, AvailabilityCache first) {
        this(businesses, first, new BusinessTags(businesses));
    }

    public AvailabilityCaches(Businesses businesses, AvailabilityCache first, BusinessTags tags) {
        this.businesses = businesses;
        String firstId = businesses.all().get(0).id();
        DividedCapacity days = new DividedCapacity(first.maxDays());
        // the first business's cache is the bean until that business leaves the file: its counters leave the registry
        // then, so a business of that id added back gets a cache of its own, with counters registered afresh
        AtomicBoolean firstLeft = new AtomicBoolean();
        this.caches = new PerBusiness<>(business -> {
            AvailabilityCache cache = business.id().equals(firstId) && !firstLeft.get() ? first : first.another(tags.of(business));
            days.join(business.id(), cache.daysMap());
            return cache;
        }, AvailabilityCache::forgetAll).droppedWhenGoneFrom(businesses, cache -> {
                    days.leave(cache.daysMap());
                    cache.removeMeters();
                    if (cache == first) {
                        firstLeft.set(true);
                    }
                })
                // a call in flight across a reload: a cache of its own, in no share of the bound and no registry
                .keptNowhere(business -> first.another(tags.of(business), new SimpleMeterRegistry()));
    }

    public AvailabilityCache of(Business business) {
        return caches.of(business);
    }

    public AvailabilityCache of(Exchange exchange) {
        return caches.of(businesses.of(exchange));
    }

    public void lookup(Exchange exchange) throws Exception {
        of(exchange).lookup(exchange);
    }

    public boolean needsCalendar(Exchange exchange) {
        return of(exchange).needsCalendar(exchange);
    }

    public void store(Exchange exchange) {
        of(exchange).store(exchange);
    }

    public void failed(Exchange exchange) throws Exception {
        of(exchange).failed(exchange);
    }

    /** Our write, before it is sent and once it is done; a read needs no business's cache (nor a business). */
    public void written(Exchange exchange, String operation) {
        if (AvailabilityCache.changesFreeTimes(operation)) {
            of(exchange).written(exchange.getMessage().getBody(), operation);
        }
    }
}

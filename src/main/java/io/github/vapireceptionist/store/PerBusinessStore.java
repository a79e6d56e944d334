package io.github.vapireceptionist.store;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.camel.Exchange;

/**
 * One feature's part of the shared store for each business (its remembered answers, its counters, its claims), made
 * from {@link SharedStore#forBusiness} on the business's first use and kept by business id. Kept by id, not remade
 * when a business's settings change (as PerBusiness does): these are entries, not settings, and a new sender name must
 * not forget which tool calls were answered.
 *
 * <p>The business is the exchange's ({@link Businesses#of}), or the one a flow's object carries. None named is the
 * only business when there is one; with several it is refused, never given someone's part. Made without the businesses
 * (a unit test of one feature) it is the one business {@value Businesses#DEFAULT_ID}'s.
 */
public final class PerBusinessStore<T> {

    private final SharedStore store;
    private final Businesses businesses;
    private final Function<SharedStore, T> make;
    private final Map<String, T> parts = new ConcurrentHashMap<>();

    /** {@code make}: the feature's part, from a store whose keys carry the business. */
    public PerBusinessStore(SharedStore store, Businesses businesses, Function<SharedStore, T> make) {
        this.store = store;
        this.businesses = businesses;
        this.make = make;
    }

    /** The exchange's business's part. */
    public T of(Exchange exchange) {
        return ofId(idOf(businesses, exchange));
    }

    /** {@code business}'s part; null: the only business's (refused when there are several). */
    public T of(Business business) {
        return ofId(idOf(businesses, business));
    }

    public T ofId(String businessId) {
        return parts.computeIfAbsent(businessId, id -> make.apply(store.forBusiness(id)));
    }

    /** Tests: forget every business's part in this instance's memory (Redis keeps its entries until they expire). */
    public void clear() {
        parts.clear();
    }

    /** The exchange's business's id ({@link Businesses#of}); without {@code businesses}, the one on it, else the default. */
    public static String idOf(Businesses businesses, Exchange exchange) {
        return businesses != null ? businesses.of(exchange).id()
                : idOf(null, exchange.getProperty(Businesses.EXCHANGE_PROPERTY, Business.class));
    }

    /**
     * {@code business}'s id; null: the only business's, refused when there are several (never someone else's entries);
     * without {@code businesses}, the default's.
     */
    public static String idOf(Businesses businesses, Business business) {
        if (business != null) {
            return business.id();
        }
        if (businesses == null) {
            return Businesses.DEFAULT_ID;
        }
        List<Business> all = businesses.all();
        if (all.size() != 1) {
            throw new IllegalStateException("a shared-store entry names no business, and this deployment has several");
        }
        return all.get(0).id();
    }
}

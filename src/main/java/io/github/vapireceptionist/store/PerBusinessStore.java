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
 * not forget which tool calls were answered. When a reload removes a business its part is dropped, and its maps give
 * their shares of the kinds' bounds back to the businesses still here ({@link SharedStore#leave}); a call still in
 * flight for it gets a part kept nowhere, which takes no share.
 *
 * <p>The business is the exchange's ({@link Businesses#of}), or the one a flow's object carries. None named is the
 * only business when there is one; with several it is refused, never given someone's part. Made without the businesses
 * (a unit test of one feature) it is the one business {@value Businesses#DEFAULT_ID}'s.
 */
public final class PerBusinessStore<T> {

    private final SharedStore store;
    private final Businesses businesses;
    private final Function<SharedStore, T> make;
    private final Map<String, Part<T>> parts = new ConcurrentHashMap<>();

    /** A business's part and the view of the store it was made from, which holds its shares of the bounds. */
    private record Part<T>(SharedStore view, T value) {
    }

    /** {@code make}: the feature's part, from a store whose keys carry the business. */
    public PerBusinessStore(SharedStore store, Businesses businesses, Function<SharedStore, T> make) {
        this.store = store;
        this.businesses = businesses;
        this.make = make;
        if (businesses != null) {
            businesses.onReplace(this::retain);
        }
    }

    /** The exchange's business's part. */
    public T of(Exchange exchange) {
        return ofId(idOf(businesses, exchange));
    }

    /** {@code business}'s part; null: the only business's (refused when there are several). */
    public T of(Business business) {
        return ofId(idOf(businesses, business));
    }

    /** {@code businessId}'s part; one it no longer has (a reload removed it): a part of its own, kept nowhere. */
    public T ofId(String businessId) {
        Part<T> part = parts.get(businessId);
        if (part != null) {
            return part.value();
        }
        if (!current(businessId)) {
            return keptNowhere(businessId);
        }
        part = parts.computeIfAbsent(businessId, id -> {
            SharedStore view = store.forBusiness(id);
            return new Part<>(view, make.apply(view));
        });
        // a reload that removed it between the check and the insert has already retained: this part must not stay
        if (!current(businessId) && parts.remove(businessId, part)) {
            part.view().leave();
        }
        return part.value();
    }

    private boolean current(String businessId) {
        return businesses == null || businesses.snapshot().byId().containsKey(businessId);
    }

    private T keptNowhere(String businessId) {
        SharedStore view = store.forBusiness(businessId);
        view.leave();
        return make.apply(view);
    }

    /** Drops the parts of every business not in {@code current}, their maps leaving the bounds they shared. */
    void retain(Businesses.Snapshot current) {
        parts.forEach((id, part) -> {
            if (!current.byId().containsKey(id) && parts.remove(id, part)) {
                part.view().leave();
            }
        });
    }

    /** Tests: forget every business's part in this instance's memory (Redis keeps its entries until they expire). */
    public void clear() {
        parts.forEach((id, part) -> {
            if (parts.remove(id, part)) {
                part.view().leave();
            }
        });
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

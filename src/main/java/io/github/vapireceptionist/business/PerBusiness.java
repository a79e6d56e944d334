package io.github.vapireceptionist.business;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Something every business has its own of (a breaker, a cache, a catalog), made the first time that business needs
 * it. It is made again when the business's settings change (a reload gives a new {@link Business} record that is not
 * equal to the old one), and dropped by {@link #retain} when the business is gone, so nothing of one business's
 * calendar outlives a change of its calendar, and nothing is shared between two businesses.
 */
public final class PerBusiness<T> {

    private record Made<T>(Object settings, T value) {
    }

    private final Function<Business, ?> settings;
    private final Function<Business, T> make;
    private final Consumer<T> drop;
    private final Map<String, Made<T>> byId = new ConcurrentHashMap<>();
    private volatile Businesses businesses;
    private volatile Consumer<T> gone = value -> { };
    private volatile Function<Business, T> makeKeptNowhere;

    /**
     * {@code settings}: what of a business its part is made from (e.g. its calendar), so a reload that changes
     * something else (its name) keeps the part and what it holds; {@code make} builds one business's part;
     * {@code drop} releases one that is replaced or no longer needed.
     */
    public PerBusiness(Function<Business, ?> settings, Function<Business, T> make, Consumer<T> drop) {
        this.settings = settings;
        this.make = make;
        this.drop = drop;
        this.makeKeptNowhere = make;
    }

    /** A part made from the whole business: any change to the business makes it again. */
    public PerBusiness(Function<Business, T> make, Consumer<T> drop) {
        this(business -> business, make, drop);
    }

    public PerBusiness(Function<Business, T> make) {
        this(make, value -> { });
    }

    /**
     * The business's own part, made now if this is its first use or its settings changed since it was made. A record
     * that is no longer the business's current one (a request that began before a reload, or a business since
     * removed) never replaces the part the current one uses: it gets that part while its settings are the same,
     * otherwise a part of its own for that request, kept nowhere.
     */
    public T of(Business business) {
        Object wanted = settings.apply(business);
        Made<T> made = byId.get(business.id());
        if (made != null && made.settings().equals(wanted)) {
            return made.value();
        }
        if (!isCurrent(business.id(), wanted)) {
            return makeKeptNowhere.apply(business);
        }
        Made<T>[] replaced = newReplaced();
        Made<T> now = byId.compute(business.id(), (id, earlier) -> {
            if (earlier != null && earlier.settings().equals(wanted)) {
                return earlier;
            }
            replaced[0] = earlier;
            return new Made<>(wanted, make.apply(business));
        });
        if (replaced[0] != null) {
            drop.accept(replaced[0].value());
        }
        leaveIfReloadedMeanwhile(business.id(), wanted, now);
        return now.value();
    }

    private boolean isCurrent(String id, Object wanted) {
        Businesses set = businesses;
        if (set == null) {
            return true;
        }
        Business current = set.snapshot().byId().get(id);
        return current != null && settings.apply(current).equals(wanted);
    }

    /**
     * A reload that replaced the set between the check above and the insert has retained already: the part just
     * inserted is taken out again, else it would stay (a breaker in the registry, meters, a share of a bound) until
     * the next reload. The call that made it still uses it, as a part kept nowhere. Only a business that left is
     * {@code gone}; one whose settings changed has its part dropped, as its next use would drop it.
     */
    private void leaveIfReloadedMeanwhile(String id, Object wanted, Made<T> inserted) {
        if (isCurrent(id, wanted) || !byId.remove(id, inserted)) {
            return;
        }
        drop.accept(inserted.value());
        if (!businesses.snapshot().byId().containsKey(id)) {
            gone.accept(inserted.value());
        }
    }

    /**
     * This, making the part of a record that is not its business's current one (a call still in flight across a
     * reload) with {@code make} instead: a part kept nowhere must not register anything that outlives the call (a
     * breaker in a registry, a meter, a share of a divided bound, a thread pool), or it would come back for a business
     * the reload removed, and stay. Without it such a part is made as any other.
     */
    public PerBusiness<T> keptNowhere(Function<Business, T> make) {
        this.makeKeptNowhere = make;
        return this;
    }

    /** The parts made so far, by business id: for gauges and health, which describe only what exists. */
    public Map<String, T> made() {
        Map<String, T> values = new java.util.TreeMap<>();
        byId.forEach((id, made) -> values.put(id, made.value()));
        return values;
    }

    /**
     * This, following {@code businesses}: only a business's current record replaces its part, and whenever the set is
     * replaced the parts of the businesses no longer in it are dropped.
     */
    public PerBusiness<T> droppedWhenGoneFrom(Businesses businesses) {
        return droppedWhenGoneFrom(businesses, value -> { });
    }

    /** As above; {@code gone} also releases what a part of a business that left holds beyond itself (its meters). */
    public PerBusiness<T> droppedWhenGoneFrom(Businesses businesses, Consumer<T> gone) {
        this.businesses = businesses;
        this.gone = gone;
        businesses.onReplace(this::retain);
        return this;
    }

    /** Drops the parts of every business not in {@code current} (what a reload calls once the new set is in place). */
    public void retain(Businesses.Snapshot current) {
        byId.entrySet().removeIf(entry -> {
            boolean left = !current.byId().containsKey(entry.getKey());
            if (left) {
                drop.accept(entry.getValue().value());
                gone.accept(entry.getValue().value());
            }
            return left;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> Made<T>[] newReplaced() {
        return (Made<T>[]) new Made[1];
    }
}

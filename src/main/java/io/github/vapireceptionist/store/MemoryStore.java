package io.github.vapireceptionist.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.vapireceptionist.core.DividedCapacity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything in this instance's memory: bounded, expiring Caffeine maps, one per kind asked for (and so one per
 * business and kind), on one ticker. A kind's capacity is the bound of the whole deployment: the maps of one kind
 * made for businesses ({@link #forBusiness}) share it equally (DividedCapacity), so a hundred businesses hold no more
 * than one did, and each map stays its business's own.
 */
final class MemoryStore implements SharedStore {

    private final byte[] key;
    private final Ticker ticker;
    private final String businessId;
    /** The bounds of each kind and capacity, shared by this store and every business's view of it. */
    private final Map<String, DividedCapacity> bounds;
    private final boolean forABusiness;
    /** The maps this business's view has put in a bound, to leave it with. */
    private final List<Runnable> joined = new ArrayList<>();
    private boolean left;

    MemoryStore(byte[] key, Ticker ticker, String businessId) {
        this(key, ticker, businessId, new ConcurrentHashMap<>(), false);
    }

    private MemoryStore(byte[] key, Ticker ticker, String businessId, Map<String, DividedCapacity> bounds, boolean forABusiness) {
        this.key = key.clone();
        this.ticker = ticker;
        this.businessId = businessId;
        this.bounds = bounds;
        this.forABusiness = forABusiness;
        keys("business");    // the same rule for a business id as the keys will apply
    }

    @Override
    public SharedStore forBusiness(String businessId) {
        return new MemoryStore(key, ticker, businessId, bounds, true);
    }

    /** A business's map of a kind takes its share of the kind's capacity; the store's own (per deployment) all of it. */
    private synchronized <T> T bounded(String kind, int capacity, T memory, Cache<?, ?> map) {
        if (forABusiness && !left) {
            DividedCapacity bound = bounds.computeIfAbsent(kind + "/" + capacity, b -> new DividedCapacity(capacity));
            bound.join(businessId, map);
            joined.add(() -> bound.leave(map));
        }
        return memory;
    }

    @Override
    public synchronized void leave() {
        left = true;
        joined.forEach(Runnable::run);
        joined.clear();
    }

    private StoreKeys keys(String kind) {
        return new StoreKeys(kind, businessId, key);
    }

    @Override
    public RememberedAnswers answers(String kind, int capacity) {
        MemoryAnswers answers = new MemoryAnswers(keys(kind), capacity, ticker);
        return bounded(kind, capacity, answers, answers.map());
    }

    @Override
    public WindowCounters counters(String kind, int capacity) {
        MemoryCounters counters = new MemoryCounters(keys(kind), capacity, ticker);
        return bounded(kind, capacity, counters, counters.map());
    }

    @Override
    public Claims claims(String kind, int capacity) {
        MemoryClaims claims = new MemoryClaims(keys(kind), capacity, ticker);
        return bounded(kind, capacity, claims, claims.map());
    }

    @Override
    public OpenItems openItems(String kind, int capacity) {
        keys(kind);    // the same rule for a kind's name
        return new MemoryOpenItems(capacity);
    }

    @Override
    public boolean shared() {
        return false;
    }
}

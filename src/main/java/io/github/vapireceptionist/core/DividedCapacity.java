package io.github.vapireceptionist.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A deployment's bound on the entries of one kind kept in memory (remembered answers, callers counted, days of
 * availability), divided equally among the businesses that keep some: each business's own map holds at most
 * {@code capacity / n} entries (at least one), n being the businesses with such a map, so all of them together never
 * hold more than {@code capacity}, whatever the number of businesses. Each map stays its business's own: another
 * business's entries are never read from it, and no business, however busy, evicts another's (a shared map keyed by
 * business would let one business's flood push out another's replays, counters or days). A business that starts
 * keeping some takes its share from the others (their least recently used entries go first); one that leaves gives its
 * share back. With one business (no BUSINESSES_FILE) its map holds the whole capacity, as before there were several.
 */
public final class DividedCapacity {

    private final int capacity;
    private final Map<String, Cache<?, ?>> maps = new LinkedHashMap<>();

    public DividedCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a capacity of at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** {@code map} is {@code businessId}'s now (replacing one it had): every map's share is set again. */
    public synchronized void join(String businessId, Cache<?, ?> map) {
        eviction(map);
        maps.put(businessId, map);
        divide();
    }

    /** {@code map} is kept no more (its business left, or has another): the others share its part. */
    public synchronized void leave(Cache<?, ?> map) {
        if (maps.values().removeIf(held -> held == map)) {
            divide();
        }
    }

    /** What each business's map holds at most now. */
    public synchronized int share() {
        return Math.max(1, capacity / Math.max(1, maps.size()));
    }

    private void divide() {
        int share = share();
        maps.values().forEach(map -> eviction(map).setMaximum(share));
    }

    private static Policy.Eviction<?, ?> eviction(Cache<?, ?> map) {
        return map.policy().eviction()
                .orElseThrow(() -> new IllegalArgumentException("a map bounded by its size (Caffeine maximumSize)"));
    }
}

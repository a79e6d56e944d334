package io.github.vapireceptionist.store;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Everything in this instance's memory: bounded, expiring Caffeine maps, one per kind asked for (and so one per
 * business and kind), on one ticker.
 */
final class MemoryStore implements SharedStore {

    private final byte[] key;
    private final Ticker ticker;
    private final String businessId;

    MemoryStore(byte[] key, Ticker ticker, String businessId) {
        this.key = key.clone();
        this.ticker = ticker;
        this.businessId = businessId;
        keys("business");    // the same rule for a business id as the keys will apply
    }

    @Override
    public SharedStore forBusiness(String businessId) {
        return new MemoryStore(key, ticker, businessId);
    }

    private StoreKeys keys(String kind) {
        return new StoreKeys(kind, businessId, key);
    }

    @Override
    public RememberedAnswers answers(String kind, int capacity) {
        return new MemoryAnswers(keys(kind), capacity, ticker);
    }

    @Override
    public WindowCounters counters(String kind, int capacity) {
        return new MemoryCounters(keys(kind), capacity, ticker);
    }

    @Override
    public Claims claims(String kind, int capacity) {
        return new MemoryClaims(keys(kind), capacity, ticker);
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

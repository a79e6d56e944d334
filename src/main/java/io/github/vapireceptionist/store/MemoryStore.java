package io.github.vapireceptionist.store;

import com.github.benmanes.caffeine.cache.Ticker;

/** Everything in this instance's memory: bounded, expiring Caffeine maps, one per kind, on one ticker. */
final class MemoryStore implements SharedStore {

    private final byte[] key;
    private final Ticker ticker;

    MemoryStore(byte[] key, Ticker ticker) {
        this.key = key.clone();
        this.ticker = ticker;
    }

    @Override
    public RememberedAnswers answers(String kind, int capacity) {
        return new MemoryAnswers(new StoreKeys(kind, key), capacity, ticker);
    }

    @Override
    public WindowCounters counters(String kind, int capacity) {
        return new MemoryCounters(new StoreKeys(kind, key), capacity, ticker);
    }

    @Override
    public Claims claims(String kind, int capacity) {
        return new MemoryClaims(new StoreKeys(kind, key), capacity, ticker);
    }

    @Override
    public OpenItems openItems(String kind, int capacity) {
        new StoreKeys(kind, key);    // the same rule for a kind's name
        return new MemoryOpenItems(capacity);
    }

    @Override
    public boolean shared() {
        return false;
    }
}

package io.github.vapireceptionist.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/** At most {@code capacity} claims held (the oldest go first), each released after its ttl. */
final class MemoryClaims implements Claims {

    private final StoreKeys keys;
    private final Cache<String, Duration> claims;

    MemoryClaims(StoreKeys keys, int capacity, Ticker ticker) {
        this.keys = keys;
        this.claims = Caffeine.newBuilder()
                .maximumSize(capacity)
                .ticker(ticker)
                .expireAfter(Expiry.<String, Duration>creating((key, ttl) -> ttl))
                .build();
    }

    @Override
    public boolean claim(String key, Duration ttl) {
        Ttl.require(ttl);
        return claims.asMap().putIfAbsent(keys.entry(key), ttl) == null;
    }

    /** The map itself, for the bound it shares with other businesses' maps of its kind (MemoryStore). */
    Cache<?, ?> map() {
        return claims;
    }
}

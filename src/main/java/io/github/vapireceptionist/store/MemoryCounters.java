package io.github.vapireceptionist.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/** At most {@code capacity} counters (the least recently used go first), each gone when its window ends. */
final class MemoryCounters implements WindowCounters {

    private record Window(long count, long endsAtNanos) {
    }

    private final StoreKeys keys;
    private final Ticker ticker;
    private final Cache<String, Window> windows;

    MemoryCounters(StoreKeys keys, int capacity, Ticker ticker) {
        this.keys = keys;
        this.ticker = ticker;
        this.windows = Caffeine.newBuilder()
                .maximumSize(capacity)
                .ticker(ticker)
                .expireAfter(Expiry.<String, Window>writing((key, window) -> remaining(window)))
                .build();
    }

    @Override
    public Count increment(String key, Duration window) {
        Ttl.require(window);
        long now = ticker.read();
        Window counted = windows.asMap().compute(keys.entry(key), (entry, current) -> current == null || current.endsAtNanos() <= now
                ? new Window(1, now + window.toNanos())
                : new Window(current.count() + 1, current.endsAtNanos()));
        return new Count(counted.count(), remaining(counted));
    }

    @Override
    public Count peek(String key) {
        Window window = windows.getIfPresent(keys.entry(key));
        Duration remaining = window == null ? Duration.ZERO : remaining(window);
        return remaining.isZero() ? Count.NONE : new Count(window.count(), remaining);
    }

    private Duration remaining(Window window) {
        return Duration.ofNanos(Math.max(0, window.endsAtNanos() - ticker.read()));
    }

    /** The map itself, for the bound it shares with other businesses' maps of its kind (MemoryStore). */
    Cache<?, ?> map() {
        return windows;
    }
}

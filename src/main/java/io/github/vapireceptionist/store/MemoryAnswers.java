package io.github.vapireceptionist.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** At most {@code capacity} answers (the least recently used go first), each forgotten after its ttl. */
final class MemoryAnswers implements RememberedAnswers {

    private record Entry(String value, String person, Duration ttl) {
    }

    private final StoreKeys keys;
    private final Cache<String, Entry> entries;

    MemoryAnswers(StoreKeys keys, int capacity, Ticker ticker) {
        this.keys = keys;
        this.entries = Caffeine.newBuilder()
                .maximumSize(capacity)
                .ticker(ticker)
                .expireAfter(Expiry.<String, Entry>writing((key, entry) -> entry.ttl()))
                .build();
    }

    @Override
    public void put(String key, String value, Duration ttl, String personEmail) {
        Ttl.require(ttl);
        entries.put(keys.entry(key), new Entry(value, personEmail == null ? null : keys.person(personEmail), ttl));
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.getIfPresent(keys.entry(key))).map(Entry::value);
    }

    @Override
    public void remove(String key) {
        entries.invalidate(keys.entry(key));
    }

    @Override
    public int forgetPerson(String email) {
        String person = keys.person(email);
        int before = entries.asMap().size();
        entries.asMap().values().removeIf(entry -> Objects.equals(entry.person(), person));
        return before - entries.asMap().size();
    }

    /** The map itself, for the bound it shares with other businesses' maps of its kind (MemoryStore). */
    Cache<?, ?> map() {
        return entries;
    }
}

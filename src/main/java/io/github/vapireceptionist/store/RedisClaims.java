package io.github.vapireceptionist.store;

import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** A claim is SET key NX PX ttl: Redis gives it to exactly one of the instances asking. */
final class RedisClaims implements Claims {

    private final String kind;
    private final StoreKeys keys;
    private final StringRedisTemplate redis;
    private final Claims memory;
    private final RedisOrMemory fallback;

    RedisClaims(String kind, StringRedisTemplate redis, Claims memory, RedisOrMemory fallback) {
        this.kind = kind;
        this.keys = new StoreKeys(kind);
        this.redis = redis;
        this.memory = memory;
        this.fallback = fallback;
    }

    @Override
    public boolean claim(String key, Duration ttl) {
        String claim = keys.entry(key);
        Duration millis = Duration.ofMillis(Ttl.millis(ttl));
        return fallback.call(kind, "claim", () -> Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(claim, "1", millis)),
                () -> memory.claim(key, ttl));
    }
}

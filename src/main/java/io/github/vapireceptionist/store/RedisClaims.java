package io.github.vapireceptionist.store;

import java.time.Duration;

/**
 * A claim is SET key NX PX ttl: Redis gives it to exactly one of the instances asking. What Redis gives this
 * instance is also held in its memory, and only won if memory grants it too: a claim this instance won in
 * memory during an outage (or in a Redis that lost it) is not won a second time once Redis answers again.
 */
final class RedisClaims implements Claims {

    private final RedisKind redis;
    private final Claims memory;

    RedisClaims(RedisKind redis, Claims memory) {
        this.redis = redis;
        this.memory = memory;
    }

    @Override
    public boolean claim(String key, Duration ttl) {
        String claim = redis.keys().entry(key);
        Duration millis = Duration.ofMillis(Ttl.millis(ttl));
        return redis.call("claim", () -> Boolean.TRUE.equals(redis.template().opsForValue().setIfAbsent(claim, "1", millis))
                && memory.claim(key, ttl), () -> memory.claim(key, ttl));
    }
}

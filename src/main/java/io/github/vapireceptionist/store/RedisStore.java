package io.github.vapireceptionist.store;

import io.github.vapireceptionist.business.Businesses;
import java.time.Clock;
import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * State in Redis, shared by every instance pointed at it; each operation falls back to this instance's
 * memory while Redis fails (RedisOrMemory). Every key expires.
 */
final class RedisStore implements SharedStore {

    private final StringRedisTemplate redis;
    private final SharedStore memory;
    private final RedisOrMemory fallback;
    private final byte[] key;
    private final Clock clock;
    private final Duration openItemLease;
    private final String businessId;

    /**
     * {@code key}: the deployment's store key (StoreKey), the same on every instance; {@code openItemLease}: how long
     * an open item whose take was not answered waits before it is offered again (RedisOpenItems).
     */
    RedisStore(StringRedisTemplate redis, byte[] key, SharedStore memory, RedisOrMemory fallback, Clock clock,
            Duration openItemLease) {
        this(redis, key, memory, fallback, clock, openItemLease, Businesses.DEFAULT_ID);
    }

    private RedisStore(StringRedisTemplate redis, byte[] key, SharedStore memory, RedisOrMemory fallback, Clock clock,
            Duration openItemLease, String businessId) {
        this.businessId = businessId;
        this.redis = redis;
        this.key = key.clone();
        this.memory = memory;
        this.fallback = fallback;
        this.clock = clock;
        this.openItemLease = openItemLease;
    }

    /** One business's keys on the same Redis, its fallback the same business's own maps in memory. */
    @Override
    public SharedStore forBusiness(String businessId) {
        return new RedisStore(redis, key, memory.forBusiness(businessId), fallback, clock, openItemLease, businessId);
    }

    /** Its fallback maps in memory leave their bounds; Redis keeps its entries until they expire. */
    @Override
    public void leave() {
        memory.leave();
    }

    private RedisKind kind(String kind) {
        return new RedisKind(kind, new StoreKeys(kind, businessId, key), redis, fallback);
    }

    @Override
    public RememberedAnswers answers(String kind, int capacity) {
        return new RedisAnswers(kind(kind), memory.answers(kind, capacity));
    }

    @Override
    public WindowCounters counters(String kind, int capacity) {
        return new RedisCounters(kind(kind), memory.counters(kind, capacity));
    }

    @Override
    public Claims claims(String kind, int capacity) {
        return new RedisClaims(kind(kind), memory.claims(kind, capacity));
    }

    @Override
    public OpenItems openItems(String kind, int capacity) {
        return new RedisOpenItems(kind(kind), memory.openItems(kind, capacity), clock,
                openItemLease);
    }

    @Override
    public boolean shared() {
        return true;
    }
}

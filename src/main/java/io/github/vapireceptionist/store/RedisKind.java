package io.github.vapireceptionist.store;

import java.util.function.Supplier;
import org.springframework.data.redis.core.StringRedisTemplate;

/** One kind's keys on Redis, each operation on them falling back to memory while Redis fails. */
record RedisKind(String kind, StoreKeys keys, StringRedisTemplate template, RedisOrMemory fallback) {

    <T> T call(String operation, Supplier<T> onRedis, Supplier<T> inMemory) {
        return fallback.call(kind, operation, onRedis, inMemory);
    }

    /** No fallback: fails with SharedStoreUnavailableException when Redis does. */
    <T> T require(String operation, Supplier<T> onRedis) {
        return fallback.require(kind, operation, onRedis);
    }
}

package io.github.vapireceptionist.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The open items in one Redis hash ({@code vapi-receptionist:<kind>:open}), without expiry: an item stays until
 * taken. While Redis fails they go to this instance's memory, and are listed from both once it answers again.
 * HDEL is atomic, so exactly one instance takes an item.
 */
final class RedisOpenItems implements OpenItems {

    private final RedisKind redis;
    private final OpenItems memory;
    private final String hash;

    RedisOpenItems(RedisKind redis, OpenItems memory) {
        this.redis = redis;
        this.memory = memory;
        this.hash = StoreKeys.NAMESPACE + ":" + redis.kind() + ":open";
    }

    @Override
    public void put(String id, String value) {
        redis.call("put", () -> {
            redis.template().opsForHash().put(hash, id, value);
            return true;
        }, () -> {
            memory.put(id, value);
            return true;
        });
    }

    @Override
    public Map<String, String> all() {
        Map<String, String> all = new HashMap<>(memory.all());
        redis.call("all", () -> {
            redis.template().<String, String>opsForHash().entries(hash).forEach(all::putIfAbsent);
            return true;
        }, () -> false);
        return all;
    }

    @Override
    public boolean take(String id) {
        if (memory.take(id)) {
            return true;
        }
        return redis.call("take", () -> redis.template().opsForHash().delete(hash, id) > 0, () -> false);
    }
}

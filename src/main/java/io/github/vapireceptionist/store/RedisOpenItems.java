package io.github.vapireceptionist.store;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The open items in one Redis hash ({@code vapi-receptionist:<kind>:open}, a business other than the default's
 * {@code vapi-receptionist:<kind>:b:<businessId>:open}), without expiry: an item stays until
 * taken. While Redis fails they go to this instance's memory, and are listed from both once it answers again.
 *
 * <p>A take must never lose an item because its answer was lost (a command that timed out may still have been
 * applied). So a take does not delete: one script moves the item to a second hash,
 * {@code vapi-receptionist:<kind>:settling}, as {@code <taken at, ms> <token> <value>}, and only once its answer
 * has arrived does the taker delete that record (if it still carries its token). A take whose answer did not
 * arrive reports "not taken"; whatever it may have moved stays in {@code settling}, and {@link #all} (every
 * reconciler run) moves a record older than the lease back to {@code open}, where the next run finds it again.
 * The lease only has to outlast the two commands of one take; should the delete of a take that was answered be
 * lost too, the item comes back after the lease and is settled a second time (a settlement can be repeated:
 * the appointment must not exist; only a booking a caller adopted would be withdrawn by it), never forgotten.
 * Times are this instance's clock; the lease dwarfs any skew.
 *
 * <p>An item whose put timed out is kept in memory, and may have been written to Redis all the same. A take
 * removes it from both (the Redis copy is taken even when memory had it), so an item this instance took (a
 * caller adopting their booking) is not taken again from Redis by a reconciler; and a put that is answered drops
 * the older copy from memory. Only a take of such a copy racing another taker can give it to both.
 */
final class RedisOpenItems implements OpenItems {

    /**
     * KEYS[1] open, KEYS[2] settling; ARGV[1] the id, ARGV[2] now (ms), ARGV[3] the take's token: the item's value,
     * moved to settling; nil when it is not open.
     */
    private static final RedisScript<String> TAKE = RedisScript.of("""
            local value = redis.call('HGET', KEYS[1], ARGV[1])
            if not value then
              return false
            end
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ' ' .. ARGV[3] .. ' ' .. value)
            return value
            """, String.class);

    /** KEYS[1] settling; ARGV[1] the id, ARGV[2] the take's token: its record deleted, if it is still that take's. */
    private static final RedisScript<Long> TAKEN = RedisScript.of("""
            local record = redis.call('HGET', KEYS[1], ARGV[1])
            if record and string.match(record, '^%d+ (%S+)') == ARGV[2] then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0
            """, Long.class);

    /**
     * KEYS[1] open, KEYS[2] settling; ARGV[1] now (ms), ARGV[2] the lease (ms): records taken a lease ago or more are
     * moved back to open (unless it holds the id again: the newer item stays); then every open item, id and value.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> OPEN = RedisScript.of("""
            local settling = redis.call('HGETALL', KEYS[2])
            for i = 1, #settling, 2 do
              local at, value = string.match(settling[i + 1], '^(%d+) %S+ (.*)$')
              if at and tonumber(at) + tonumber(ARGV[2]) <= tonumber(ARGV[1]) then
                redis.call('HSETNX', KEYS[1], settling[i], value)
                redis.call('HDEL', KEYS[2], settling[i])
              end
            end
            return redis.call('HGETALL', KEYS[1])
            """, List.class);

    private final RedisKind redis;
    private final OpenItems memory;
    private final Clock clock;
    private final String lease;
    private final List<String> hashes;

    /** {@code lease}: how long a take whose answer was lost keeps its item from everyone else. */
    RedisOpenItems(RedisKind redis, OpenItems memory, Clock clock, Duration lease) {
        this.redis = redis;
        this.memory = memory;
        this.clock = clock;
        this.lease = Long.toString(lease.toMillis());
        this.hashes = List.of(redis.keys().named("open"), redis.keys().named("settling"));
    }

    @Override
    public void put(String id, String value) {
        redis.call("put", () -> {
            redis.template().opsForHash().put(hashes.get(0), id, value);
            memory.take(id);    // an older copy, kept when a put of it timed out
            return true;
        }, () -> {
            memory.put(id, value);
            return true;
        });
    }

    /**
     * Every open item, this instance's memory's and Redis's. When Redis does not answer this fails
     * ({@link SharedStoreUnavailableException}) rather than answer with memory alone: a list missing the items only
     * Redis holds would let a caller be told an appointment being withdrawn is theirs, or the reconciler take a
     * phantom for one a caller adopted.
     */
    @Override
    public Map<String, String> all() {
        Map<String, String> all = new HashMap<>(memory.all());
        boolean answered = redis.call("all", () -> {
            List<?> reply = redis.template().execute(OPEN, hashes, now(), lease);
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                all.putIfAbsent((String) reply.get(i), (String) reply.get(i + 1));
            }
            return true;
        }, () -> false);
        if (!answered) {
            throw new SharedStoreUnavailableException(redis.kind(), "all");
        }
        return all;
    }

    @Override
    public boolean take(String id) {
        boolean fromMemory = memory.take(id);
        String token = UUID.randomUUID().toString();
        boolean fromRedis = redis.call("take", () -> redis.template().execute(TAKE, hashes, id, now(), token) != null,
                () -> false);
        if (fromRedis) {
            redis.call("taken", () -> redis.template().execute(TAKEN, hashes.subList(1, 2), id, token), () -> 0L);
        }
        return fromMemory || fromRedis;
    }

    private String now() {
        return Long.toString(clock.millis());
    }
}

package io.github.vapireceptionist.store;

import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A counter is an integer under its key. Counting and setting the window's end happen in one script, so
 * no counter can be left without an expiry, whichever instance counts first.
 */
final class RedisCounters implements WindowCounters {

    /** KEYS[1] the counter, ARGV[1] the window in ms: {count, ms until the window ends}. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> INCREMENT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {count, ttl}
            """, List.class);

    /** KEYS[1] the counter: {count, ms until the window ends}, {0, 0} when there is none. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> PEEK = RedisScript.of("""
            local count = redis.call('GET', KEYS[1])
            if not count then
              return {0, 0}
            end
            return {tonumber(count), redis.call('PTTL', KEYS[1])}
            """, List.class);

    private final RedisKind redis;
    private final WindowCounters memory;

    RedisCounters(RedisKind redis, WindowCounters memory) {
        this.redis = redis;
        this.memory = memory;
    }

    @Override
    public Count increment(String key, Duration window) {
        String counter = redis.keys().entry(key);
        String millis = Long.toString(Ttl.millis(window));
        return redis.call("increment", () -> count(redis.template().execute(INCREMENT, List.of(counter), millis)),
                () -> memory.increment(key, window));
    }

    @Override
    public Count peek(String key) {
        String counter = redis.keys().entry(key);
        return redis.call("peek", () -> count(redis.template().execute(PEEK, List.of(counter))), () -> memory.peek(key));
    }

    private static Count count(List<?> reply) {
        long count = ((Number) reply.get(0)).longValue();
        long millis = ((Number) reply.get(1)).longValue();
        return count == 0 || millis <= 0 ? Count.NONE : new Count(count, Duration.ofMillis(millis));
    }
}

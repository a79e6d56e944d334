package io.github.vapireceptionist.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * An answer is a string under its key with the answer's ttl; a person's answers are also listed in a set
 * under the hash of their email, which lives as long as the longest of them, so an erasure finds them
 * without the email being kept anywhere.
 */
final class RedisAnswers implements RememberedAnswers {

    /** KEYS[1] the answer, KEYS[2] (optional) its person's index; ARGV[1] the value, ARGV[2] the ttl in ms. */
    private static final RedisScript<Long> PUT = RedisScript.of("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            if #KEYS > 1 then
              redis.call('SADD', KEYS[2], KEYS[1])
              if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then
                redis.call('PEXPIRE', KEYS[2], ARGV[2])
              end
            end
            return 1
            """, Long.class);

    /** KEYS[1] a person's index: deletes the answers it lists and itself; how many answers there were. */
    private static final RedisScript<Long> FORGET_PERSON = RedisScript.of("""
            local forgotten = 0
            for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              forgotten = forgotten + redis.call('DEL', key)
            end
            redis.call('DEL', KEYS[1])
            return forgotten
            """, Long.class);

    private final RedisKind redis;
    private final RememberedAnswers memory;

    RedisAnswers(RedisKind redis, RememberedAnswers memory) {
        this.redis = redis;
        this.memory = memory;
    }

    @Override
    public void put(String key, String value, Duration ttl, String personEmail) {
        String entry = redis.keys().entry(key);
        String millis = Long.toString(Ttl.millis(ttl));
        List<String> scriptKeys = personEmail == null ? List.of(entry) : List.of(entry, redis.keys().person(personEmail));
        redis.call("put", () -> redis.template().execute(PUT, scriptKeys, value, millis),
                () -> {
                    memory.put(key, value, ttl, personEmail);
                    return 1L;
                });
    }

    /** From Redis, else from memory: what was put there during an outage is still known once Redis answers again. */
    @Override
    public Optional<String> get(String key) {
        String entry = redis.keys().entry(key);
        return redis.call("get", () -> Optional.ofNullable(redis.template().opsForValue().get(entry)).or(() -> memory.get(key)),
                () -> memory.get(key));
    }

    @Override
    public void remove(String key) {
        String entry = redis.keys().entry(key);
        memory.remove(key);
        redis.call("remove", () -> redis.template().delete(entry), () -> false);
    }

    /**
     * Also forgets what this instance's memory holds from an outage: an erasure must not miss those. No fallback:
     * when Redis fails, SharedStoreUnavailableException (memory is forgotten first all the same), so an erasure
     * never reports success while Redis still holds their answers.
     */
    @Override
    public int forgetPerson(String email) {
        String person = redis.keys().person(email);
        int fromMemory = memory.forgetPerson(email);
        return fromMemory + redis.require("forget_person",
                () -> Math.toIntExact(redis.template().execute(FORGET_PERSON, List.of(person))));
    }
}

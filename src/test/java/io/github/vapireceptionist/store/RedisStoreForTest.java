package io.github.vapireceptionist.store;

import io.github.vapireceptionist.support.AppTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One app instance's shared store on Redis, made the way StoreConfiguration makes it, with its own connection;
 * its keys hashed as an app with WEBHOOK_SECRET AppTest.SECRET hashes them, unless told another secret.
 */
public final class RedisStoreForTest implements AutoCloseable {

    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final SharedStore store;
    /** What the store reads the time on (the open items' lease). */
    final MovableClock clock = new MovableClock();
    /** How long a take of an open item that was not answered keeps it. */
    final Duration openItemLease;
    private final byte[] key;
    private final RedisClientResources resources;
    private final LettuceConnectionFactory connections;

    public RedisStoreForTest(String url) {
        this(new SharedStoreProperties(url, 200, 1000, 300, null));
    }

    RedisStoreForTest(SharedStoreProperties settings) {
        this(settings, SharedStoreBreakerProperties.DEFAULTS);
    }

    RedisStoreForTest(SharedStoreProperties settings, SharedStoreBreakerProperties breaker) {
        this(settings, breaker, StoreKey.of(null, AppTest.SECRET));
    }

    /** With the key of an app instance whose WEBHOOK_SECRET is {@code webhookSecret}. */
    public RedisStoreForTest(String url, String webhookSecret) {
        this(new SharedStoreProperties(url, 200, 1000, 300, null), SharedStoreBreakerProperties.DEFAULTS, StoreKey.of(null, webhookSecret));
    }

    private RedisStoreForTest(SharedStoreProperties settings, SharedStoreBreakerProperties breaker, byte[] key) {
        this.key = key;
        StoreConfiguration configuration = new StoreConfiguration();
        resources = configuration.redisClientResources(settings);
        connections = configuration.redisConnectionFactory(settings, resources);
        connections.afterPropertiesSet();
        connections.start();
        store = StoreConfiguration.redisStore(settings, breaker, key, connections, meters, clock);
        openItemLease = StoreConfiguration.openItemLease(settings);
    }

    /** The keys this instance writes for a kind. */
    StoreKeys keys(String kind) {
        return new StoreKeys(kind, key);
    }

    double fallbacks(String operation) {
        return count("shared.store.fallbacks", operation);
    }

    /** Commands of that operation that failed or timed out on Redis: each one a wait. */
    double failures(String operation) {
        return count("shared.store.failures", operation);
    }

    private double count(String meter, String operation) {
        return meters.find(meter).tag("operation", operation).counters().stream().mapToDouble(counter -> counter.count()).sum();
    }

    @Override
    public void close() {
        connections.destroy();
        resources.destroy();
    }
}

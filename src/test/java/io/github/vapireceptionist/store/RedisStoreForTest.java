package io.github.vapireceptionist.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** One app instance's shared store on Redis, made the way StoreConfiguration makes it, with its own connection. */
public final class RedisStoreForTest implements AutoCloseable {

    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final SharedStore store;
    private final RedisClientResources resources;
    private final LettuceConnectionFactory connections;

    public RedisStoreForTest(String url) {
        this(new SharedStoreProperties(url, 200, 1000, 300));
    }

    RedisStoreForTest(SharedStoreProperties settings) {
        StoreConfiguration configuration = new StoreConfiguration();
        resources = configuration.redisClientResources(settings);
        connections = configuration.redisConnectionFactory(settings, resources);
        connections.afterPropertiesSet();
        connections.start();
        store = StoreConfiguration.redisStore(settings, connections, meters);
    }

    double fallbacks(String operation) {
        return meters.find("shared.store.fallbacks").tag("operation", operation).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    @Override
    public void close() {
        connections.destroy();
        resources.destroy();
    }
}

package io.github.vapireceptionist.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.support.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;

/**
 * The app as everyone runs it without REDIS_URL: Spring Data Redis is on the class path, yet nothing of it
 * exists, so nothing tries localhost:6379 (no connection factory, no template, no Redis health check).
 */
class SharedStoreDefaultContextTest extends AppTest {

    @Autowired
    private ApplicationContext context;

    @Autowired
    private SharedStore sharedStore;

    @Test
    void withoutRedisUrlTheStoreIsThisInstancesMemoryAndNoRedisConnectionCanBeMade() {
        assertThat(sharedStore.shared()).isFalse();
        assertThat(context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(RedisTemplate.class)).isEmpty();
        assertThat(context.getBeanNamesForType(RedisClientResources.class)).isEmpty();
        assertThat(context.containsBean("redisHealthContributor")).isFalse();
    }
}

package io.github.vapireceptionist.store;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.StringUtils;

/**
 * The shared store: in memory unless REDIS_URL is set. Spring Boot's own Redis auto-configuration is
 * excluded (Application), so without REDIS_URL no connection factory exists and nothing tries
 * localhost:6379; with it, the one connection factory is made here, with short timeouts, and does not
 * connect before the first use (an instance starts while Redis is down, and falls back to memory).
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    /** Lettuce reconnects by itself; after an outage it tries at least once per retry-ms (its default waits up to 30 s). */
    @Bean
    @Conditional(RedisUrlSet.class)
    RedisClientResources redisClientResources(SharedStoreProperties settings) {
        return new RedisClientResources(DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofMillis(settings.retryMs()), 2, TimeUnit.MILLISECONDS))
                .build());
    }

    @Bean
    @Conditional(RedisUrlSet.class)
    LettuceConnectionFactory redisConnectionFactory(SharedStoreProperties settings, RedisClientResources redisClientResources) {
        RedisURI uri = redisUri(settings.redisUrl());
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(uri.getHost(), uri.getPort());
        server.setDatabase(uri.getDatabase());
        if (uri.getUsername() != null) {
            server.setUsername(uri.getUsername());
        }
        if (uri.getPassword() != null) {
            server.setPassword(uri.getPassword());
        }
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
                .clientResources(redisClientResources.resources())
                .commandTimeout(Duration.ofMillis(settings.timeoutMs()))
                .clientOptions(ClientOptions.builder()
                        .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(settings.connectTimeoutMs())).build())
                        // while the connection is down a command fails at once instead of queueing until its timeout
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .build());
        if (uri.isSsl()) {
            client.useSsl();
        }
        return new LettuceConnectionFactory(server, client.build());
    }

    @Bean
    SharedStore sharedStore(SharedStoreProperties settings, SharedStoreBreakerProperties breaker,
            ObjectProvider<LettuceConnectionFactory> redis, MeterRegistry meters,
            @Value("${webhook.secret:}") String webhookSecret) {
        LettuceConnectionFactory connections = redis.getIfAvailable();
        if (connections == null) {
            log.info("Shared store: this instance's memory (REDIS_URL not set); limits and remembered answers are per instance");
            return SharedStore.inMemory();
        }
        String target = describe(redisUri(settings.redisUrl()));
        log.info("Shared store: Redis at {} (command timeout {} ms; this instance's memory while it fails)", target, settings.timeoutMs());
        // with several businesses in BUSINESSES_FILE, SHARED_STORE_KEY is set (BusinessesFileSettings refuses to start
        // without it); one business's key is still derived from its secret, as before
        return redisStore(settings, breaker, StoreKey.of(settings.key(), webhookSecret), connections, meters);
    }

    static SharedStore redisStore(SharedStoreProperties settings, SharedStoreBreakerProperties breaker, byte[] key,
            LettuceConnectionFactory connections, MeterRegistry meters) {
        return redisStore(settings, breaker, key, connections, meters, Clock.systemUTC());
    }

    /** As above, the open items' lease read on {@code clock} (tests move time on). */
    static SharedStore redisStore(SharedStoreProperties settings, SharedStoreBreakerProperties breaker, byte[] key,
            LettuceConnectionFactory connections, MeterRegistry meters, Clock clock) {
        String target = describe(redisUri(settings.redisUrl()));
        RedisOrMemory fallback = new RedisOrMemory(target, Duration.ofMillis(settings.retryMs()), breaker, meters);
        StringRedisTemplate redis = new StringRedisTemplate(connections);
        connect(redis, target);
        return new RedisStore(redis, key, SharedStore.inMemory(), fallback, clock, openItemLease(settings));
    }

    /**
     * How long a take of an open item that was not answered keeps it (RedisOpenItems): far longer than the take's two
     * commands (each at most REDIS_TIMEOUT_MS), yet a few reconciler periods (RECONCILER_PERIOD_MS, 5 s by default).
     */
    static Duration openItemLease(SharedStoreProperties settings) {
        return Duration.ofMillis(Math.max(30_000L, 10L * settings.timeoutMs()));
    }

    /**
     * Connects before the first call needs it: the first connection loads Lettuce's classes, and its handshake
     * (held to the command timeout) can take longer than that in a JVM just started, so it is tried a few
     * times. Redis being down at startup does not stop the app.
     */
    private static void connect(StringRedisTemplate redis, String target) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                redis.execute((RedisCallback<String>) connection -> connection.ping());
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    log.warn("Shared store: Redis at {} does not answer at startup; this instance uses its own memory until it does",
                            target);
                }
            }
        }
    }

    /** Lettuce's reading of the URL; the message of a bad one never repeats it (it may hold a password). */
    static RedisURI redisUri(String url) {
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new IllegalStateException("REDIS_URL must start with redis:// or rediss:// (TLS)");
        }
        try {
            return RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalStateException("REDIS_URL is not a valid redis:// or rediss:// URL");
        }
    }

    /** Host, port, database and TLS: what an operator needs to know which Redis, never the credentials. */
    static String describe(RedisURI uri) {
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    static final class RedisUrlSet implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("shared-store.redis-url"));
        }
    }
}

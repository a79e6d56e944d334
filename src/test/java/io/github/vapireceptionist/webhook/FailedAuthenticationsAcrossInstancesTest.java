package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.store.RedisStoreForTest;
import io.github.vapireceptionist.store.SharedStore;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.RawHttp;
import io.github.vapireceptionist.support.RawHttp.Response;
import io.github.vapireceptionist.support.RedisServer;
import io.github.vapireceptionist.support.VapiPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Two instances on one Redis count a client's failed authentications together: the app, started with
 * REDIS_URL, and a second instance's FailedAuthentications with its own connection to the same Redis.
 * Three failures allowed; two at the app and one at the other use them up, for both.
 */
@TestPropertySource(properties = {"rate-limit.requests=3", "rate-limit.period=3600"})
@DirtiesContext
class FailedAuthenticationsAcrossInstancesTest extends AppTest {

    private static final String CLIENT = "127.0.0.5";
    private static final String STATUS = VapiPayloads.notification("status-update");
    private static RedisServer redis;
    private static RedisStoreForTest otherInstance;

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private SharedStore sharedStore;

    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        redis = RedisServer.start();
        otherInstance = new RedisStoreForTest(redis.url());
        registry.add("shared-store.redis-url", redis::url);
    }

    @AfterAll
    static void stopRedis() {
        otherInstance.close();
        redis.close();
    }

    @Test
    void failuresAtEitherInstanceCountForBoth() {
        FailedAuthentications other = new FailedAuthentications(new RateLimitProperties(3, 3600),
                new WebhookReplies(new ObjectMapper(), new SimpleMeterRegistry()), otherInstance.store);

        assertThat(wrongSecret().status()).isEqualTo(401);
        assertThat(other.recordFailure(CLIENT)).as("the second failure, at the other instance").isEmpty();
        assertThat(other.exhausted(CLIENT)).isEmpty();
        assertThat(wrongSecret().status()).as("the third, at the app").isEqualTo(401);

        assertThat(other.exhausted(CLIENT)).as("the other instance sees the app's failures").isPresent();
        Response limited = wrongSecret();
        assertThat(limited.status()).as("the app counts the other instance's failure").isEqualTo(429);
        assertThat(limited.header("Retry-After")).hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L));
        assertThat(RawHttp.promiseABody(CLIENT, port, WEBHOOK, 1_000_000, "x-vapi-secret", "wrong").status())
                .as("refused by the filter before its body").isEqualTo(429);
        assertThat(RawHttp.request(CLIENT, port, "POST", WEBHOOK, STATUS, "x-vapi-secret", SECRET).status())
                .as("authenticated requests are never limited").isEqualTo(200);

        assertThat(sharedStore.shared()).isTrue();
        assertThat(context.containsBean("redisHealthContributor")).as("/actuator/health shows Redis").isTrue();
        List<String> keys = redis.commands(commands -> commands.keys("vapi-receptionist:auth-failures:*"));
        assertThat(keys).hasSize(1).noneSatisfy(key -> assertThat(key).contains(CLIENT));
    }

    private Response wrongSecret() {
        return RawHttp.request(CLIENT, port, "POST", WEBHOOK, STATUS, "x-vapi-secret", "wrong");
    }
}

package io.github.vapireceptionist.reconcile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A rolling restart of a one-business deployment on Redis: an uncertain cancel the previous version left open (its
 * item has no business id, under its old key) is settled by this version as the default business's, at its calendar.
 */
@TestPropertySource(properties = {"easyappointments.api-token=ea-test-token", "reconciliation.period-ms=100"})
@DirtiesContext
class PreviousVersionItemSettlesAsDefaultTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static RedisServer redis;

    @Autowired
    UncertainWrites uncertainWrites;

    @DynamicPropertySource
    static void redisAndCalendar(DynamicPropertyRegistry registry) {
        redis = RedisServer.start();
        registry.add("shared-store.redis-url", redis::url);
        registry.add("easyappointments.base-url", calendar::baseUrl);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void anOpenItemWithoutBusinessIdIsSettledAtTheDefaultBusinesssCalendar() {
        calendar.stubFor(delete(urlPathEqualTo(API + "/appointments/42")).willReturn(aResponse().withStatus(204)));
        String previousVersion = "{\"point\":\"CANCEL\",\"appointmentId\":42,\"providerId\":null,\"day\":null,\"marker\":null,"
                + "\"toolCallId\":\"call-old\",\"settled\":null,\"recordedAt\":1765000000000}";

        redis.commands(c -> c.hset("vapi-receptionist:uncertain-writes:open", "appointment-42", previousVersion));

        await().atMost(Duration.ofSeconds(10)).until(uncertainWrites::allSettled);
        calendar.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/appointments/42")));
        Long stillOpen = redis.commands(c -> c.hlen("vapi-receptionist:uncertain-writes:open"));
        assertThat(stillOpen).isZero();
    }
}

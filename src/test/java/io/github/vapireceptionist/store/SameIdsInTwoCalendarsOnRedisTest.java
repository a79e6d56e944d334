package io.github.vapireceptionist.store;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.RedisServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SameIdsInTwoCalendarsTest with the shared store on Redis, where confirmations are claimed (north's claim of its 42
 * must not stop south confirming its own 42), and where each business's entries are under its own keys. An open item
 * written before there were several businesses is the default's: with no default business configured it is settled
 * at nobody's calendar, and stays.
 */
class SameIdsInTwoCalendarsOnRedisTest extends SameIdsInTwoCalendarsTest {

    private static RedisServer redis;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        redis = RedisServer.start();
        registry.add("shared-store.redis-url", redis::url);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    /** Redis keeps what a test before counted or remembered: each test starts from an empty one, as in memory. */
    @BeforeEach
    void emptyRedis() {
        redis.commands(c -> c.flushall());
    }

    @Test
    void eachBusinesssEntriesAreUnderItsOwnKeys() throws Exception {
        call("north", "n-keys", "cancel_appointment", CANCEL_42);
        call("south", "s-keys", "cancel_appointment", CANCEL_42);

        for (String kind : List.of("tool-answers", "cancellations", "caller-attempts", "confirmations")) {
            List<String> keys = redis.commands(c -> c.keys("vapi-receptionist:" + kind + ":*"));
            assertThat(keys).as(kind).anyMatch(key -> key.startsWith("vapi-receptionist:" + kind + ":b:north:"))
                    .anyMatch(key -> key.startsWith("vapi-receptionist:" + kind + ":b:south:"))
                    .allMatch(key -> key.startsWith("vapi-receptionist:" + kind + ":b:"));
        }
    }

    @Test
    void anItemOfThePreviousVersionIsTheDefaultsAndWithoutADefaultBusinessStaysOpenSettledNowhere() {
        String previousVersion = "{\"point\":\"CANCEL\",\"appointmentId\":42,\"providerId\":null,\"day\":null,\"marker\":null,"
                + "\"toolCallId\":\"call-old\",\"settled\":null,\"recordedAt\":1765000000000}";

        try (LogCapture logs = LogCapture.start()) {
            redis.commands(c -> c.hset("vapi-receptionist:uncertain-writes:open", "appointment-42", previousVersion));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> logs.text().contains("uncertain_write_orphaned business=default point=cancel appointment_id=42"));
        }
        String stillOpen = redis.commands(c -> c.hget("vapi-receptionist:uncertain-writes:open", "appointment-42"));
        assertThat(stillOpen).isEqualTo(previousVersion);
        northCalendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/appointments/42")));
        southCalendar.verify(0, deleteRequestedFor(urlPathEqualTo(API + "/appointments/42")));
        redis.commands(c -> c.hdel("vapi-receptionist:uncertain-writes:open", "appointment-42"));
    }
}

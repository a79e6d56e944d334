package io.github.vapireceptionist.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.RedisServer;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped under a running instance: every operation still answers, from the instance's memory,
 * quickly; the outage is logged once and counted per operation; when Redis is back the instance uses it
 * again by itself, and says so once.
 */
class RedisOutageTest {

    private static final Duration LONG = Duration.ofMinutes(10);

    private final RedisServer redis = RedisServer.start();
    private final RedisStoreForTest instance = new RedisStoreForTest(new SharedStoreProperties(redis.url(), 200, 1000, 300, null));

    @AfterEach
    void stop() {
        instance.close();
        redis.close();
    }

    @Test
    void withRedisDownEveryOperationAnswersFromMemoryLoggedOnceCountedAndRedisIsUsedAgainWhenBack() {
        WindowCounters counters = instance.store.counters("auth-failures", 100);
        Claims claims = instance.store.claims("confirmations", 100);
        RememberedAnswers answers = instance.store.answers("booking-replays", 100);
        assertThat(claims.claim("booking-1", LONG)).isTrue();
        assertThat(counters.increment("203.0.113.9", LONG).count()).isEqualTo(1);

        try (LogCapture logs = LogCapture.start()) {
            redis.stop();
            long start = System.nanoTime();
            for (int i = 1; i <= 20; i++) {
                assertThat(counters.increment("203.0.113.9", LONG).count()).as("counted in memory from the outage on").isEqualTo(i);
            }
            assertThat(counters.peek("203.0.113.9").count()).isEqualTo(20);
            assertThat(claims.claim("booking-2", LONG)).isTrue();
            assertThat(claims.claim("booking-2", LONG)).isFalse();
            assertThat(claims.claim("booking-1", LONG)).as("what degrades: a claim made in Redis is not known to memory").isTrue();
            answers.put("call-1", "You're booked in.", LONG, "ada@example.com");
            assertThat(answers.get("call-1")).hasValue("You're booked in.");
            assertThat(answers.forgetPerson("ADA@example.com")).isEqualTo(1);
            Duration outage = Duration.ofNanos(System.nanoTime() - start);
            long longerThanThreeRetries = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < longerThanThreeRetries) {
                assertThat(claims.claim("booking-2", LONG)).isFalse();
            }

            assertThat(outage).as("28 operations, none waiting long for Redis").isLessThan(Duration.ofSeconds(3));
            assertThat(occurrences(logs.text(), "shared_store_unavailable")).as(logs.text()).isEqualTo(1);
            assertThat(logs.text()).contains("redis://127.0.0.1:").doesNotContain("ada@example.com");
            assertThat(instance.fallbacks("increment")).isEqualTo(20);
            assertThat(instance.fallbacks("peek")).isEqualTo(1);
            assertThat(instance.fallbacks("claim")).isGreaterThan(3);
            assertThat(instance.fallbacks("put") + instance.fallbacks("get") + instance.fallbacks("forget_person")).isEqualTo(3);

            redis.startAgain();
            String counterKey = instance.keys("auth-failures").entry("203.0.113.10");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                counters.increment("203.0.113.10", LONG);
                return redis.<Long>commands(commands -> commands.exists(counterKey)) == 1;
            });

            assertThat(occurrences(logs.text(), "shared_store_recovered")).isEqualTo(1);
            assertThat(occurrences(logs.text(), "shared_store_unavailable")).as("still one outage").isEqualTo(1);
            assertThat(claims.claim("booking-3", LONG)).isTrue();
            assertThat(redis.<Long>commands(commands -> commands.exists(instance.keys("confirmations").entry("booking-3"))))
                    .as("claimed in Redis again").isEqualTo(1);
        }
    }

    @Test
    void aRedisThatHangsCostsOneTimeoutPerRetryNotOnePerCall() {
        WindowCounters counters = instance.store.counters("auth-failures", 100);
        counters.increment("203.0.113.20", LONG);

        try (LogCapture logs = LogCapture.start()) {
            redis.commands(commands -> commands.clientPause(3_000));
            long start = System.nanoTime();
            for (int i = 1; i <= 20; i++) {
                assertThat(counters.increment("203.0.113.21", LONG).count()).isEqualTo(i);
            }
            Duration twenty = Duration.ofNanos(System.nanoTime() - start);

            assertThat(twenty).as("20 counts, not 20 timeouts of 200 ms").isLessThan(Duration.ofMillis(1_500));
            assertThat(occurrences(logs.text(), "shared_store_unavailable")).isEqualTo(1);
            assertThat(logs.text()).contains("RedisCommandTimeoutException");
        }
    }

    private static int occurrences(String text, String word) {
        Matcher matcher = Pattern.compile(Pattern.quote(word)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}

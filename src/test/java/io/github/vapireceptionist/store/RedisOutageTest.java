package io.github.vapireceptionist.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
    private static final String OPEN = "vapi-receptionist:uncertain-writes:open";
    private static final String SETTLING = "vapi-receptionist:uncertain-writes:settling";

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
            for (int i = 1; i <= 20; i++) {
                assertThat(counters.increment("203.0.113.9", LONG).count()).as("counted in memory from the outage on").isEqualTo(i);
            }
            assertThat(counters.peek("203.0.113.9").count()).isEqualTo(20);
            assertThat(claims.claim("booking-2", LONG)).isTrue();
            assertThat(claims.claim("booking-2", LONG)).isFalse();
            assertThat(claims.claim("booking-1", LONG)).as("a claim this instance won in Redis is held in its memory too").isFalse();
            answers.put("call-1", "You're booked in.", LONG, "ada@example.com");
            assertThat(answers.get("call-1")).hasValue("You're booked in.");
            assertThatThrownBy(() -> answers.forgetPerson("ADA@example.com")).isInstanceOf(SharedStoreUnavailableException.class)
                    .hasMessageNotContaining("127.0.0.1");
            assertThat(answers.get("call-1")).as("forgotten in memory all the same").isEmpty();
            long longerThanThreeRetries = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < longerThanThreeRetries) {
                assertThat(claims.claim("booking-2", LONG)).isFalse();
            }

            assertThat(instance.failures("increment")).as("20 counts: the breaker's window (5) and a probe per retry waited "
                    + "for Redis, never one each").isBetween(1.0, 10.0);
            assertThat(occurrences(logs.text(), "shared_store_unavailable")).as(logs.text()).isEqualTo(1);
            assertThat(logs.text()).contains("redis://127.0.0.1:").doesNotContain("ada@example.com");
            assertThat(instance.fallbacks("increment")).isEqualTo(20);
            assertThat(instance.fallbacks("peek")).isEqualTo(1);
            assertThat(instance.fallbacks("claim")).isGreaterThan(3);
            assertThat(instance.fallbacks("put") + instance.fallbacks("get")).isEqualTo(3);
            assertThat(instance.fallbacks("forget_person")).as("an erasure has no fallback").isZero();

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
    void whatThisInstanceRememberedOrClaimedInMemoryDuringAnOutageStillHoldsOnceRedisAnswersAgain() {
        RememberedAnswers cancellations = instance.store.answers("cancellations", 100);
        Claims claims = instance.store.claims("confirmations", 100);

        redis.stop();
        cancellations.put("41", "Your appointment is cancelled.", LONG, "ada@example.com");
        assertThat(claims.claim("cancelled:41", LONG)).isTrue();
        redis.startAgain();
        usesRedisAgain();

        assertThat(cancellations.get("41")).as("the re-sent cancellation hears the same answer").hasValue("Your appointment is cancelled.");
        assertThat(claims.claim("cancelled:41", LONG)).as("its confirmation is not sent again").isFalse();
        assertThat(claims.claim("cancelled:42", LONG)).isTrue();
        assertThat(redis.<Long>commands(commands -> commands.exists(instance.keys("confirmations").entry("cancelled:42"))))
                .as("claimed in Redis").isEqualTo(1);
        assertThat(cancellations.forgetPerson("ada@example.com")).as("an erasure finds it in memory").isEqualTo(1);
        assertThat(cancellations.get("41")).isEmpty();
    }

    @Test
    void anErasureWhileRedisIsDownFailsAndForgetsMemoryWhileRedisKeepsItsEntriesUntilRepeated() {
        RememberedAnswers answers = instance.store.answers("tool-answers", 100);
        answers.put("call-in-redis", "You're booked in.", LONG, "ada@example.com");
        String inRedis = instance.keys("tool-answers").entry("call-in-redis");
        redis.commands(commands -> commands.save());

        redis.stop();
        answers.put("call-in-memory", "You're booked in.", LONG, "ada@example.com");
        assertThatThrownBy(() -> answers.forgetPerson("ada@example.com")).isInstanceOf(SharedStoreUnavailableException.class);
        assertThat(answers.get("call-in-memory")).as("memory is forgotten all the same").isEmpty();
        redis.startAgain();

        assertThat(redis.<Long>commands(commands -> commands.exists(inRedis))).as("what the failed erasure left in Redis")
                .isEqualTo(1);
        usesRedisAgain();
        assertThat(answers.forgetPerson("ada@example.com")).as("repeated once Redis answers").isEqualTo(1);
        assertThat(redis.<Long>commands(commands -> commands.exists(inRedis))).isZero();
    }

    @Test
    void oneSlowCommandDoesNotSendTheInstanceToItsMemory() {
        try (RedisStoreForTest patient = new RedisStoreForTest(new SharedStoreProperties(redis.url(), 200, 1000, 600_000, null))) {
            WindowCounters counters = patient.store.counters("auth-failures", 100);
            Claims claims = patient.store.claims("confirmations", 100);
            counters.increment("203.0.113.30", LONG);

            redis.commands(commands -> commands.clientPause(1_000));
            counters.increment("203.0.113.31", LONG);
            assertThat(patient.fallbacks("increment")).as("the slow command was answered from memory").isEqualTo(1);
            redis.commands(commands -> commands.ping()); // answered once the pause is over

            assertThat(claims.claim("booking-30", LONG)).isTrue();
            assertThat(patient.fallbacks("claim")).as("the next command went to Redis, not to memory for retry-ms").isZero();
            assertThat(redis.<Long>commands(commands -> commands.exists(patient.keys("confirmations").entry("booking-30"))))
                    .isEqualTo(1);
        }
    }

    @Test
    void aRedisThatFailsCommandAfterCommandStillSendsTheInstanceToItsMemory() {
        try (RedisStoreForTest patient = new RedisStoreForTest(new SharedStoreProperties(redis.url(), 200, 1000, 600_000, null))) {
            Claims claims = patient.store.claims("confirmations", 100);
            claims.claim("booking-40", LONG);

            redis.commands(commands -> commands.clientPause(5_000));
            for (int i = 1; i <= 10; i++) {
                claims.claim("booking-4" + i, LONG);
            }
            redis.commands(commands -> commands.ping()); // answered once the pause is over
            assertThat(claims.claim("booking-50", LONG)).isTrue();

            assertThat(patient.fallbacks("claim")).as("enough of the last 5 failed: memory until retry-ms, even with Redis back")
                    .isEqualTo(11);
            assertThat(redis.<Long>commands(commands -> commands.exists(patient.keys("confirmations").entry("booking-50")))).isZero();
        }
    }

    @Test
    void aTakeWhoseAnswerIsLostDoesNotLoseTheItemWhichIsOfferedAgainOnceItsLeaseIsOver() {
        OpenItems items = instance.store.openItems("uncertain-writes", 100);
        items.put("appointment-40", "{\"point\":\"cancel\"}");
        assertThat(items.take("appointment-40")).as("a take answered in time, as on a running instance").isTrue();
        items.put("appointment-41", "{\"point\":\"withdrawal\"}");

        redis.commands(commands -> commands.clientPause(1_000));
        assertThat(items.take("appointment-41")).as("its answer did not arrive within the timeout").isFalse();
        redis.commands(commands -> commands.ping()); // answered once the pause is over, after the take

        assertThat(redis.<Boolean>commands(commands -> commands.hexists(OPEN, "appointment-41")))
                .as("the take was applied all the same").isFalse();
        assertThat(instance.failures("take")).isEqualTo(1);
        assertThat(items.all()).as("within its lease it is nobody's to take").doesNotContainKey("appointment-41");
        instance.clock.moveOn(instance.openItemLease);

        assertThat(items.all()).as("offered again, not lost").containsEntry("appointment-41", "{\"point\":\"withdrawal\"}");
        assertThat(items.take("appointment-41")).isTrue();
        assertThat(items.take("appointment-41")).isFalse();
        instance.clock.moveOn(instance.openItemLease);
        assertThat(items.all()).as("a take that was answered is done").isEmpty();
        assertThat(redis.<Long>commands(commands -> commands.exists(OPEN, SETTLING))).isZero();
    }

    @Test
    void anItemWhosePutTimedOutIsKeptInMemoryAndLandsInRedisTooYetIsTakenOnceOnly() {
        String booking = "marker-[tool call call-7]";
        OpenItems items = instance.store.openItems("uncertain-writes", 100);
        try (RedisStoreForTest otherInstance = new RedisStoreForTest(redis.url())) {
            OpenItems elsewhere = otherInstance.store.openItems("uncertain-writes", 100);
            elsewhere.put("warm-up", "{}");
            assertThat(elsewhere.take("warm-up")).as("a take answered in time, as on a running instance").isTrue();

            redis.commands(commands -> commands.clientPause(1_000));
            items.put(booking, "{\"point\":\"appointment_create\"}");
            redis.commands(commands -> commands.ping()); // answered once the pause is over, after the put
            assertThat(instance.fallbacks("put")).as("kept in memory").isEqualTo(1);
            assertThat(redis.<Boolean>commands(commands -> commands.hexists(OPEN, booking))).as("and in Redis all the same").isTrue();

            assertThat(items.take(booking)).as("the caller asking for the slot again adopts it").isTrue();
            assertThat(elsewhere.take(booking)).as("so no reconciler withdraws it").isFalse();
            assertThat(items.take(booking)).isFalse();
            instance.clock.moveOn(instance.openItemLease);
            otherInstance.clock.moveOn(otherInstance.openItemLease);
            assertThat(items.all()).doesNotContainKey(booking);
            assertThat(elsewhere.all()).doesNotContainKey(booking);
        }
    }

    @Test
    void aPutThatIsAnsweredReplacesWhatMemoryHeldFromATimedOutOne() {
        OpenItems items = instance.store.openItems("uncertain-writes", 100);
        items.put("appointment-50", "{\"point\":\"cancel\"}");
        assertThat(items.take("appointment-50")).as("a take answered in time, as on a running instance").isTrue();

        redis.commands(commands -> commands.clientPause(1_000));
        items.put("appointment-51", "{\"point\":\"withdrawal\"}");
        redis.commands(commands -> commands.ping()); // answered once the pause is over, after the put
        items.put("appointment-51", "{\"point\":\"release\"}");

        assertThat(items.all()).as("the newer item, in Redis only").containsEntry("appointment-51", "{\"point\":\"release\"}");
        redis.stop();
        assertThatThrownBy(items::all).as("not a list of memory alone").isInstanceOf(SharedStoreUnavailableException.class);
        assertThat(items.take("appointment-51")).as("nothing older left in memory").isFalse();
    }

    @Test
    void aRedisThatHangsCostsAFewTimeoutsThenOnePerRetryNotOnePerCall() {
        WindowCounters counters = instance.store.counters("auth-failures", 100);
        counters.increment("203.0.113.20", LONG);

        try (LogCapture logs = LogCapture.start()) {
            redis.commands(commands -> commands.clientPause(3_000));
            for (int i = 1; i <= 20; i++) {
                assertThat(counters.increment("203.0.113.21", LONG).count()).isEqualTo(i);
            }

            assertThat(instance.failures("increment")).as("20 counts, not 20 timeouts of 200 ms: the breaker's window (5) and a "
                    + "probe per retry").isBetween(1.0, 10.0);
            assertThat(instance.fallbacks("increment")).isEqualTo(20);
            assertThat(occurrences(logs.text(), "shared_store_unavailable")).isEqualTo(1);
            assertThat(logs.text()).contains("RedisCommandTimeoutException");
        }
    }

    /** Waits until a write of this instance lands in Redis: Lettuce has reconnected and the breaker let it through. */
    private void usesRedisAgain() {
        WindowCounters probe = instance.store.counters("probe", 10);
        String probeKey = instance.keys("probe").entry("probe");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            probe.increment("probe", LONG);
            return redis.<Long>commands(commands -> commands.exists(probeKey)) == 1;
        });
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

package io.github.vapireceptionist.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.support.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same contract on a real redis-server, plus what only Redis gives: two instances (two stores with
 * their own connections, as two app instances have) share counts, claims and answers, and what Redis
 * holds has no email or phone number in clear and always expires.
 */
class RedisStoreTest extends SharedStoreContract {

    private static RedisServer redis;
    private static RedisStoreForTest instance;
    private static RedisStoreForTest otherInstance;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
        instance = new RedisStoreForTest(redis.url());
        otherInstance = new RedisStoreForTest(redis.url());
    }

    @AfterAll
    static void stopRedis() {
        otherInstance.close();
        instance.close();
        redis.close();
    }

    @Override
    SharedStore store() {
        return instance.store;
    }

    @Test
    void twoInstancesCountTogether() {
        WindowCounters here = instance.store.counters("auth-failures", 100);
        WindowCounters there = otherInstance.store.counters("auth-failures", 100);
        String client = fresh();

        for (int i = 1; i <= 6; i++) {
            WindowCounters counting = i % 2 == 0 ? there : here;
            assertThat(counting.increment(client, LONG).count()).isEqualTo(i);
        }
        assertThat(there.peek(client).count()).isEqualTo(6);
        assertThat(instance.fallbacks("increment") + otherInstance.fallbacks("increment")).as("all in Redis").isZero();
    }

    @Test
    void ofClaimantsOnTwoInstancesExactlyOneWins() throws Exception {
        Claims here = instance.store.claims("confirmations", 100);
        Claims there = otherInstance.store.claims("confirmations", 100);
        for (int round = 0; round < 10; round++) {
            String booking = fresh();
            int[] turn = {0};
            List<Boolean> won = concurrently(16, 1, () -> {
                Claims claims;
                synchronized (turn) {
                    claims = turn[0]++ % 2 == 0 ? here : there;
                }
                return claims.claim(booking, LONG);
            });

            assertThat(won).as("round " + round).hasSize(16).containsOnlyOnce(true);
        }
    }

    @Test
    void ofTakersOnTwoInstancesExactlyOneGetsAnOpenItem() throws Exception {
        OpenItems here = instance.store.openItems("uncertain-writes", 100);
        OpenItems there = otherInstance.store.openItems("uncertain-writes", 100);
        for (int round = 0; round < 10; round++) {
            String id = fresh();
            (round % 2 == 0 ? here : there).put(id, "{\"point\":\"cancel\"}");
            int[] turn = {0};
            List<Boolean> taken = concurrently(16, 1, () -> {
                OpenItems items;
                synchronized (turn) {
                    items = turn[0]++ % 2 == 0 ? here : there;
                }
                return items.take(id);
            });

            assertThat(taken).as("round " + round).hasSize(16).containsOnlyOnce(true);
            assertThat(here.all()).doesNotContainKey(id);
            assertThat(there.all()).doesNotContainKey(id);
        }
        assertThat(redis.<Long>commands(commands -> commands.exists("vapi-receptionist:uncertain-writes:settling")))
                .as("every take answered: nothing left to offer again").isZero();
    }

    @Test
    void anAnswerRememberedByOneInstanceIsGivenByTheOtherAndErasedByEither() {
        RememberedAnswers here = instance.store.answers("cancellations", 100);
        RememberedAnswers there = otherInstance.store.answers("cancellations", 100);
        String toolCall = fresh();
        String email = fresh() + "@example.com";

        here.put(toolCall, "Your appointment is cancelled, Ada.", LONG, email);
        assertThat(there.get(toolCall)).hasValue("Your appointment is cancelled, Ada.");
        assertThat(there.forgetPerson(email)).isEqualTo(1);
        assertThat(here.get(toolCall)).isEmpty();
    }

    @Test
    void keysHoldNoEmailOrPhoneNumberInClearAndEveryKeyExpires() throws Exception {
        String phone = "+447700900" + (100 + (int) (Math.random() * 800));
        String email = "Ada.Lovelace." + fresh().substring(0, 8) + "@Example.com";
        instance.store.answers("booking-replays", 100).put(phone, "You're booked in, Ada.", LONG, email);
        instance.store.counters("caller-attempts", 100).increment(phone, LONG);
        instance.store.claims("confirmations", 100).claim(email, LONG);

        List<String> keys = redis.commands(commands -> commands.keys("*"));

        Pattern format = Pattern.compile("vapi-receptionist:[a-z][a-z0-9-]*:(person:)?[0-9a-f]{64}");
        assertThat(keys).isNotEmpty().allSatisfy(key -> {
            assertThat(key).matches(format);
            assertThat(key.toLowerCase()).doesNotContain("@", "lovelace", phone.substring(1), phone.substring(4));
            assertThat(redis.<Long>commands(commands -> commands.pttl(key))).as("expiry of " + key).isPositive();
        });
        assertThat(keys).contains(instance.keys("booking-replays").person(email))
                .as("a keyed hash: hashing every phone number does not find the key")
                .noneSatisfy(key -> assertThat(key).endsWith(sha256(phone)));
        List<String> values = redis.commands(commands -> keys.stream()
                .filter(key -> "string".equals(commands.type(key))).map(commands::get).toList());
        assertThat(values).noneSatisfy(value -> assertThat(value).containsAnyOf("@", phone.substring(4)));
    }

    @Test
    void theIndexOfAPersonLivesAsLongAsTheirLongestAnswer() {
        RememberedAnswers answers = instance.store.answers("booking-replays", 100);
        String email = fresh() + "@example.com";
        answers.put(fresh(), "long", Duration.ofMinutes(30), email);
        answers.put(fresh(), "short", Duration.ofMinutes(1), email);

        String index = instance.keys("booking-replays").person(email);
        assertThat(redis.<Long>commands(commands -> commands.pttl(index))).isGreaterThan(Duration.ofMinutes(29).toMillis());
        assertThat(store().shared()).isTrue();
    }

    @Test
    void instancesWithAnotherStoreKeyShareNothing() {
        try (RedisStoreForTest elsewhere = new RedisStoreForTest(redis.url(), "another-deployment-secret-0123456789-abcdef")) {
            String caller = fresh();
            instance.store.counters("caller-attempts", 100).increment(caller, LONG);

            assertThat(otherInstance.store.counters("caller-attempts", 100).peek(caller).count()).as("same key").isEqualTo(1);
            assertThat(elsewhere.store.counters("caller-attempts", 100).peek(caller).count()).as("another key").isZero();
        }
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}

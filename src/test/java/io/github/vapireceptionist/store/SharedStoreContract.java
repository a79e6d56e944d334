package io.github.vapireceptionist.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.vapireceptionist.store.WindowCounters.Count;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every shared store promises, run against the memory store and against Redis alike. Keys are
 * fresh in each test, so a Redis kept between tests holds nothing that matters.
 */
abstract class SharedStoreContract {

    static final Duration LONG = Duration.ofMinutes(10);
    static final Duration SHORT = Duration.ofMillis(300);
    static final Duration WAIT = Duration.ofSeconds(5);

    /** The store under test; the same object for the whole test. */
    abstract SharedStore store();

    static String fresh() {
        return UUID.randomUUID().toString();
    }

    // --- open items (the uncertain writes the reconciler settles) ---------------------------------

    @Test
    void anOpenItemIsListedUntilItIsTakenAndOnlyOneTakerGetsIt() throws Exception {
        OpenItems items = store().openItems("uncertain-writes", 100);
        String id = fresh();

        items.put(id, "{\"point\":\"cancel\"}");
        assertThat(items.all()).containsEntry(id, "{\"point\":\"cancel\"}");

        ExecutorService takers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> taken = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                taken.add(takers.submit(() -> items.take(id)));
            }
            int winners = 0;
            for (Future<Boolean> one : taken) {
                winners += one.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            takers.shutdownNow();
        }
        assertThat(items.all()).doesNotContainKey(id);
        assertThat(items.take(id)).isFalse();
    }

    // --- remembered answers ----------------------------------------------------------------------

    @Test
    void anAnswerIsGivenBackUntilItIsRemovedOrReplaced() {
        RememberedAnswers answers = store().answers("booking-replays", 100);
        String key = fresh();

        assertThat(answers.get(key)).isEmpty();
        answers.put(key, "{\"success\":true}", LONG);
        assertThat(answers.get(key)).hasValue("{\"success\":true}");
        answers.put(key, "{\"success\":false}", LONG);
        assertThat(answers.get(key)).hasValue("{\"success\":false}");
        answers.remove(key);
        assertThat(answers.get(key)).isEmpty();
    }

    @Test
    void anAnswerIsForgottenWhenItsTtlEnds() {
        RememberedAnswers answers = store().answers("booking-replays", 100);
        String shortLived = fresh();
        String longLived = fresh();
        answers.put(shortLived, "soon gone", SHORT);
        answers.put(longLived, "kept", LONG);

        assertThat(answers.get(shortLived)).hasValue("soon gone");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> answers.get(shortLived).isEmpty());
        assertThat(answers.get(longLived)).hasValue("kept");
    }

    @Test
    void forgettingAPersonForgetsTheirAnswersOnlyWhateverTheCaseOfTheirEmail() {
        RememberedAnswers answers = store().answers("booking-replays", 100);
        String email = "ada." + fresh() + "@example.com";
        String first = fresh();
        String second = fresh();
        String someoneElse = fresh();
        String nobody = fresh();
        answers.put(first, "Ada's booking", LONG, email);
        answers.put(second, "Ada's move", SHORT.multipliedBy(100), email.toUpperCase());
        answers.put(someoneElse, "Grace's booking", LONG, "grace." + fresh() + "@example.com");
        answers.put(nobody, "nobody's", LONG);

        assertThat(answers.forgetPerson(" " + email.toUpperCase() + " ")).isEqualTo(2);

        assertThat(answers.get(first)).isEmpty();
        assertThat(answers.get(second)).isEmpty();
        assertThat(answers.get(someoneElse)).hasValue("Grace's booking");
        assertThat(answers.get(nobody)).hasValue("nobody's");
        assertThat(answers.forgetPerson(email)).as("nothing left to forget").isZero();
    }

    @Test
    void kindsAreSeparate() {
        String key = fresh();
        store().answers("booking-replays", 100).put(key, "a booking", LONG);

        assertThat(store().answers("cancellations", 100).get(key)).isEmpty();
        assertThat(store().claims("confirmations", 100).claim(key, LONG)).isTrue();
        assertThat(store().claims("reminders", 100).claim(key, LONG)).isTrue();
    }

    // --- counters --------------------------------------------------------------------------------

    @Test
    void aCounterCountsWithinItsWindowAndSaysWhenTheWindowEnds() {
        WindowCounters counters = store().counters("auth-failures", 100);
        String client = fresh();
        Duration window = Duration.ofSeconds(60);

        assertThat(counters.increment(client, window).count()).isEqualTo(1);
        assertThat(counters.increment(client, window).count()).isEqualTo(2);
        Count third = counters.increment(client, window);

        assertThat(third.count()).isEqualTo(3);
        assertThat(third.resetsIn()).isPositive().isLessThanOrEqualTo(window);
        assertThat(counters.increment(fresh(), window).count()).as("another key").isEqualTo(1);
    }

    @Test
    void peekingCountsNothing() {
        WindowCounters counters = store().counters("auth-failures", 100);
        String client = fresh();

        assertThat(counters.peek(client)).isEqualTo(new Count(0, Duration.ZERO));
        counters.increment(client, LONG);
        for (int i = 0; i < 5; i++) {
            assertThat(counters.peek(client).count()).isEqualTo(1);
        }
        Count peeked = counters.peek(client);
        assertThat(peeked.resetsIn()).isPositive().isLessThanOrEqualTo(LONG);
        assertThat(counters.increment(client, LONG).count()).isEqualTo(2);
    }

    @Test
    void aCounterStartsAgainWhenItsWindowEndsAndALaterCountDoesNotExtendIt() {
        WindowCounters counters = store().counters("caller-attempts", 100);
        String caller = fresh();
        counters.increment(caller, SHORT);
        Count second = counters.increment(caller, LONG);

        assertThat(second.count()).isEqualTo(2);
        assertThat(second.resetsIn()).as("the window set by the first count").isLessThanOrEqualTo(SHORT);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> counters.peek(caller).count() == 0);
        assertThat(counters.increment(caller, LONG).count()).isEqualTo(1);
    }

    @Test
    void manyConcurrentCountsAreAllCounted() throws Exception {
        WindowCounters counters = store().counters("auth-failures", 100);
        String client = fresh();
        List<Long> seen = concurrently(8, 25, () -> counters.increment(client, LONG).count());

        assertThat(seen).as("each count seen once").doesNotHaveDuplicates().hasSize(200);
        assertThat(counters.peek(client).count()).isEqualTo(200);
    }

    // --- claims ----------------------------------------------------------------------------------

    @Test
    void aClaimIsWonOnceUntilItExpires() {
        Claims claims = store().claims("confirmations", 100);
        String booking = fresh();

        assertThat(claims.claim(booking, SHORT)).isTrue();
        assertThat(claims.claim(booking, SHORT)).isFalse();
        assertThat(claims.claim(fresh(), SHORT)).as("another key").isTrue();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> claims.claim(booking, LONG));
        assertThat(claims.claim(booking, LONG)).isFalse();
    }

    @Test
    void ofManyConcurrentClaimantsExactlyOneWins() throws Exception {
        Claims claims = store().claims("confirmations", 100);
        for (int round = 0; round < 10; round++) {
            String booking = fresh();
            List<Boolean> won = concurrently(16, 1, () -> claims.claim(booking, LONG));

            assertThat(won).as("round " + round).hasSize(16).containsOnlyOnce(true);
        }
    }

    // --- every entry expires ---------------------------------------------------------------------

    @Test
    void nothingIsKeptWithoutAnExpiry() {
        for (Duration never : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), null}) {
            assertThatThrownBy(() -> store().answers("booking-replays", 100).put(fresh(), "x", never))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store().counters("auth-failures", 100).increment(fresh(), never))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store().claims("confirmations", 100).claim(fresh(), never))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** {@code threads} threads released at once, each calling {@code action} {@code times} times; every result. */
    static <T> List<T> concurrently(int threads, int times, java.util.concurrent.Callable<T> action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<T> results = new ArrayList<>();
                    for (int j = 0; j < times; j++) {
                        results.add(action.call());
                    }
                    return results;
                }));
            }
            start.countDown();
            List<T> all = new ArrayList<>();
            for (Future<List<T>> future : futures) {
                all.addAll(future.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}

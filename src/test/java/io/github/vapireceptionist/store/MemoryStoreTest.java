package io.github.vapireceptionist.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The store of an instance without REDIS_URL: this instance's memory, bounded. */
class MemoryStoreTest extends SharedStoreContract {

    private final SharedStore store = SharedStore.inMemory();

    @Override
    SharedStore store() {
        return store;
    }

    @Test
    void holdsAtMostItsCapacity() {
        RememberedAnswers answers = store.answers("booking-replays", 10);
        for (int i = 0; i < 1_000; i++) {
            answers.put("call-" + i, "answer " + i, LONG);
        }

        // Caffeine evicts on a background thread: on a busy machine the count settles a moment later.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                IntStream.range(0, 1_000).filter(i -> answers.get("call-" + i).isPresent()).count())
                .as("answers kept by a store of capacity 10").isBetween(1L, 10L));
        assertThat(store.shared()).isFalse();
    }
}

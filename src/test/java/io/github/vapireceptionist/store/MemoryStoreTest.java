package io.github.vapireceptionist.store;

import static org.assertj.core.api.Assertions.assertThat;

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

        long kept = java.util.stream.IntStream.range(0, 1_000).filter(i -> answers.get("call-" + i).isPresent()).count();
        assertThat(kept).as("10 kept, give or take what Caffeine has not evicted yet").isLessThanOrEqualTo(100).isPositive();
        assertThat(store.shared()).isFalse();
    }
}

package io.github.vapireceptionist.store;

/** Everything in this instance's memory: bounded, expiring Caffeine maps, one per kind. */
final class MemoryStore implements SharedStore {

    @Override
    public RememberedAnswers answers(String kind, int capacity) {
        return new MemoryAnswers(new StoreKeys(kind), capacity);
    }

    @Override
    public WindowCounters counters(String kind, int capacity) {
        return new MemoryCounters(new StoreKeys(kind), capacity);
    }

    @Override
    public Claims claims(String kind, int capacity) {
        return new MemoryClaims(new StoreKeys(kind), capacity);
    }

    @Override
    public boolean shared() {
        return false;
    }
}

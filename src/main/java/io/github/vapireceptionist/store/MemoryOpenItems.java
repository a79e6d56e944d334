package io.github.vapireceptionist.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** This instance's open items, at most {@code capacity} (a new one beyond it is refused and logged by the caller). */
final class MemoryOpenItems implements OpenItems {

    private final ConcurrentMap<String, String> items = new ConcurrentHashMap<>();
    private final int capacity;

    MemoryOpenItems(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void put(String id, String value) {
        if (items.size() >= capacity && !items.containsKey(id)) {
            throw new IllegalStateException("more than " + capacity + " open items");
        }
        items.put(id, value);
    }

    @Override
    public Map<String, String> all() {
        return Map.copyOf(items);
    }

    @Override
    public boolean take(String id) {
        return items.remove(id) != null;
    }
}

package io.github.vapireceptionist.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A deployment's capacity divided among the businesses that keep entries: with capacity 10 and two businesses, each
 * map holds at most 5, together never more than 10; a business's map that was full before the second one came gives up
 * half of its entries; the one business alone holds all 10, as before there were several.
 */
class DividedCapacityTest {

    private final DividedCapacity capacity = new DividedCapacity(10);

    @Test
    void theOneBusinessHoldsTheWholeCapacity() {
        Cache<Integer, String> only = filled(15);
        capacity.join("default", only);

        assertThat(held(only)).isEqualTo(10);
        assertThat(capacity.share()).isEqualTo(10);
    }

    @Test
    void twoBusinessesHoldHalfEachAndNeverMoreThanTheCapacityTogether() {
        Cache<Integer, String> north = filled(0);
        capacity.join("north", north);
        IntStream.range(0, 10).forEach(i -> north.put(i, "north " + i));
        assertThat(held(north)).as("alone, north may use all of it").isEqualTo(10);

        Cache<Integer, String> south = filled(0);
        capacity.join("south", south);
        IntStream.range(0, 10).forEach(i -> south.put(i, "south " + i));

        assertThat(held(north)).isEqualTo(5);
        assertThat(held(south)).isEqualTo(5);

        capacity.leave(south);
        IntStream.range(10, 20).forEach(i -> north.put(i, "north " + i));
        assertThat(held(north)).as("south's share back to north once south keeps none").isEqualTo(10);
    }

    @Test
    void aBusinessWhoseMapIsMadeAgainStillHasOneShare() {
        capacity.join("north", filled(0));
        capacity.join("south", filled(0));
        capacity.join("south", filled(0));

        assertThat(capacity.share()).isEqualTo(5);
    }

    @Test
    void aMapNotBoundedBySizeIsRefused() {
        Cache<Integer, String> unbounded = Caffeine.newBuilder().build();

        assertThatThrownBy(() -> capacity.join("north", unbounded)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A map as the features make them (bounded by the whole capacity, its eviction run on this thread), with {@code n} entries. */
    private static Cache<Integer, String> filled(int n) {
        Cache<Integer, String> map = Caffeine.newBuilder().maximumSize(10).executor(Runnable::run).build();
        IntStream.range(0, n).forEach(i -> map.put(i, "entry " + i));
        return map;
    }

    private static long held(Cache<?, ?> map) {
        map.cleanUp();
        return map.estimatedSize();
    }
}

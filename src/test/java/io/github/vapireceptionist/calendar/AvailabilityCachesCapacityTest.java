package io.github.vapireceptionist.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.TestBusinesses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * availability-cache.max-days is the deployment's: the businesses whose caches hold days share it equally (each its
 * own days, AvailabilityCachePerBusinessTest), and a business that leaves the file gives its share back.
 */
class AvailabilityCachesCapacityTest {

    private static final Business NORTH = TestBusinesses.business("north", "http://north.invalid");
    private static final Business SOUTH = TestBusinesses.business("south", "http://south.invalid");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AvailabilityCache first = new AvailabilityCache(new AvailabilityCacheProperties(60, 120, 10), Duration.ofSeconds(3),
            Ticker.systemTicker(), meters);

    @Test
    void twoBusinessesKeepHalfOfTheDaysEachAndOneAloneAllOfThem() {
        Businesses businesses = new Businesses(List.of(NORTH, SOUTH), true);
        AvailabilityCaches caches = new AvailabilityCaches(businesses, first);

        assertThat(mostDays(caches.of(NORTH))).as("north alone so far").isEqualTo(10);
        assertThat(mostDays(caches.of(SOUTH))).isEqualTo(5);
        assertThat(meters.find("availability.cache").tag("business", "south").counters()).isNotEmpty();
        assertThat(mostDays(caches.of(NORTH))).isEqualTo(5);

        businesses.replace(List.of(NORTH));
        assertThat(mostDays(caches.of(NORTH))).as("south left the file").isEqualTo(10);

        assertThat(meters.find("availability.cache").tag("business", "south").counters()).as("south's counters left with it")
                .isEmpty();
        assertThat(meters.find("availability.cache").counters()).as("north's stay").isNotEmpty();

        AvailabilityCache inFlight = caches.of(SOUTH);
        assertThat(inFlight).as("a call of south still in flight gets a cache of its own").isNotSameAs(caches.of(NORTH));
        assertThat(mostDays(caches.of(NORTH))).as("which takes no share of the bound").isEqualTo(10);
    }

    @Test
    void theFirstBusinessLeavingAndComingBackCountsInTheRegistryAgain() {
        Businesses businesses = new Businesses(List.of(NORTH, SOUTH), true);
        AvailabilityCaches caches = new AvailabilityCaches(businesses, first, new io.github.vapireceptionist.business.BusinessTags(businesses));
        caches.of(NORTH);

        businesses.replace(List.of(SOUTH));
        businesses.replace(List.of(SOUTH, NORTH));

        assertThat(caches.of(NORTH)).as("a cache of its own, not the bean whose counters left").isNotSameAs(first);
        assertThat(meters.find("availability.cache").tag("business", "north").counters()).isNotEmpty();
    }

    @Test
    void theOneBusinessWithoutAFileKeepsAllOfThem() {
        Business only = TestBusinesses.business(Businesses.DEFAULT_ID, "http://calendar.invalid");
        AvailabilityCaches caches = new AvailabilityCaches(Businesses.single(only), first);

        assertThat(caches.of(only)).isSameAs(first);
        assertThat(mostDays(first)).isEqualTo(10);
    }

    private static long mostDays(AvailabilityCache cache) {
        return cache.daysMap().policy().eviction().orElseThrow().getMaximum();
    }
}

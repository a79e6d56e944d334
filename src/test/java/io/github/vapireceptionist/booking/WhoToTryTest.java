package io.github.vapireceptionist.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The README's rule for "anyone": the person with the most free times that day first, then the lowest id. */
class WhoToTryTest {

    private final Map<String, List<Integer>> day = new TreeMap<>(Map.of(
            "09:00", List.of(2, 32),
            "10:00", List.of(2, 32, 33),
            "11:00", List.of(33),
            "12:00", List.of(33)));

    @Test
    void theLeastBookedIsTriedFirstThenTheLowestId() {
        assertThat(BookingSteps.whoToTry(day, "10:00")).containsExactly(33, 2, 32);
    }

    @Test
    void onlyThoseFreeAtThatTimeAreTried() {
        assertThat(BookingSteps.whoToTry(day, "09:00")).containsExactly(2, 32);
        assertThat(BookingSteps.whoToTry(day, "11:00")).containsExactly(33);
        assertThat(BookingSteps.whoToTry(day, "13:00")).isEmpty();
    }

    @Test
    void theSameCalendarGivesTheSameOrderWhateverTheOrderItWasReadIn() {
        Map<String, List<Integer>> reversed = new TreeMap<>(Map.of("09:00", List.of(32, 2), "10:00", List.of(33, 32, 2),
                "11:00", List.of(33), "12:00", List.of(33)));
        assertThat(BookingSteps.whoToTry(reversed, "10:00")).isEqualTo(BookingSteps.whoToTry(day, "10:00"));
    }
}

package io.github.vapireceptionist.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.calendar.AvailabilityCache;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The conversation's calendar requests with the availability cache as it ships (5 s, stale 120 s). */
class ConversationCallsTest extends ConversationScript {

    @DynamicPropertySource
    static void cacheAsShipped(DynamicPropertyRegistry registry) {
        registry.add("availability-cache.seconds", () -> "5");
        registry.add("availability-cache.stale-seconds", () -> "120");
    }

    @Autowired
    AvailabilityCache cache;

    @BeforeEach
    void nothingRemembered() {
        cache.forgetAll();
    }

    @Test
    void aDayAskedAgainAtOnceCostsNothingAndABookingStillAsksTheCalendar() throws Exception {
        Map<String, Map<String, Integer>> steps = converse(0);
        print("Calendar requests of one conversation, availability cache on, each tool call at once after the last:", steps);

        assertThat(steps.get("check it again")).as("the same day asked again").isEmpty();
        assertThat(steps.get("book")).as("the booking's own slot check and read-back")
                .containsEntry("GET /availabilities", 1).containsKey("GET /appointments");
        assertThat(steps.get("move")).containsEntry("GET /availabilities", 1);
    }

    @Test
    void aDayAskedAgainAfterACallersTurnIsReadAgain() throws Exception {
        Map<String, Map<String, Integer>> steps = converse(10);
        print("Calendar requests of one conversation, availability cache on, 10 s between tool calls:", steps);

        assertThat(steps.get("check it again")).containsExactly(Map.entry("GET /availabilities", 1));
    }

    @Test
    void callersAskingAboutTheSameDayWithinTheCacheTimeShareItsReads() throws Exception {
        int requests = busyLine(10);
        System.out.printf("%nTen callers asking about the same full day within 5 s, availability cache on: %d requests%n", requests);

        assertThat(requests).as("the full day and the look-ahead's three days, read once").isEqualTo(4);
    }
}

package io.github.vapireceptionist.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same conversation with AVAILABILITY_CACHE_SECONDS=0 (AppTest's setting): every check asks the calendar. */
class ConversationCallsWithoutCacheTest extends ConversationScript {

    @Test
    void everyCheckAsksTheCalendar() throws Exception {
        Map<String, Map<String, Integer>> steps = converse(0);
        print("Calendar requests of one conversation, availability cache off:", steps);

        assertThat(steps.get("check it again")).containsExactly(Map.entry("GET /availabilities", 1));
    }

    @Test
    void everyCallerReadsTheDaysAgain() throws Exception {
        int requests = busyLine(10);
        System.out.printf("%nTen callers asking about the same full day, availability cache off: %d requests%n", requests);

        assertThat(requests).isEqualTo(40);
    }
}

package io.github.vapireceptionist.availability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.calendar.ProviderRecord;
import io.github.vapireceptionist.calendar.ServiceRecord;
import io.github.vapireceptionist.calendar.SlotQuery;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who is asked for which of their own days, and the union of their times in the business's zone. */
class TeamTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Monday 29 June 2026: London is UTC+1 (summer time). */
    private static final LocalDate SUMMER_DAY = LocalDate.of(2026, 6, 29);
    private static final ServiceRecord COLOUR = new ServiceRecord(7, "Full colour", 90, BigDecimal.TEN, "GBP", 1, false);
    private static final ProviderRecord JANE = provider(2, "Europe/London");
    private static final ProviderRecord MARIA = provider(32, "Europe/London");
    private static final ProviderRecord NEW_YORK = provider(40, "America/New_York");

    @Test
    void aPersonInTheBusinessZoneIsAskedForThatDayOnly() {
        Team team = new Team(COLOUR, null, List.of(JANE, MARIA), LONDON);
        assertThat(team.queries(SUMMER_DAY)).containsExactly(new SlotQuery(2, 7, SUMMER_DAY), new SlotQuery(32, 7, SUMMER_DAY));
    }

    @Test
    void anyoneIsFreeWhenAnyOfThemIsFreeEachTimeOnceWithWhoIsFree() {
        Team team = new Team(COLOUR, null, List.of(JANE, MARIA), LONDON);
        Map<String, List<Integer>> free = team.freeWith(SUMMER_DAY, List.of(
                new ProviderSlots(new SlotQuery(32, 7, SUMMER_DAY), List.of("09:00", "10:00", "11:00")),
                new ProviderSlots(new SlotQuery(2, 7, SUMMER_DAY), List.of("10:00", "12:00"))));

        assertThat(free.keySet()).containsExactly("09:00", "10:00", "11:00", "12:00");
        assertThat(free.get("10:00")).containsExactly(2, 32);
        assertThat(free.get("09:00")).containsExactly(32);
    }

    @Test
    void aPersonInAnotherZoneIsAskedForTheDaysTheirZoneMakesOfItAndConverted() {
        Team team = new Team(COLOUR, NEW_YORK, List.of(NEW_YORK), LONDON);
        // London's Monday 00:00-24:00 (UTC+1) is New York's Sunday 19:00 to Monday 19:00 (UTC-4)
        assertThat(team.queries(SUMMER_DAY)).containsExactly(new SlotQuery(40, 7, SUMMER_DAY.minusDays(1)),
                new SlotQuery(40, 7, SUMMER_DAY));

        Map<String, List<Integer>> free = team.freeWith(SUMMER_DAY, List.of(
                new ProviderSlots(new SlotQuery(40, 7, SUMMER_DAY.minusDays(1)), List.of("09:00", "18:30", "19:00", "20:15")),
                new ProviderSlots(new SlotQuery(40, 7, SUMMER_DAY), List.of("09:00", "13:30", "19:00"))));

        assertThat(free.keySet()).as("New York's times on London's Monday, in London's time")
                .containsExactly("00:00", "01:15", "14:00", "18:30");
    }

    @Test
    void aZoneTheCalendarSpellsUnknownIsTakenAsTheBusinesss() {
        Team team = new Team(COLOUR, null, List.of(provider(5, "Mars/Olympus"), provider(6, null)), LONDON);
        assertThat(team.queries(SUMMER_DAY)).extracting(SlotQuery::date).containsExactly(SUMMER_DAY, SUMMER_DAY);
    }

    private static ProviderRecord provider(int id, String zone) {
        return new ProviderRecord(id, "P" + id, "Q", zone, List.of(7));
    }
}

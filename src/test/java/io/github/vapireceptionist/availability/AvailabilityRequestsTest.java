package io.github.vapireceptionist.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.calendar.SlotQuery;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.ToolCall;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * check_availability's date judged against the business's "today" and booking horizon, and the
 * plan of which days to ask the calendar for, run the way routes/check-availability.camel.yaml
 * loops: ask nextDate() while needsAnotherDay(), record each answer.
 */
class AvailabilityRequestsTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Tuesday 24 November 2026, 10:00 in London. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), LONDON);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final int HORIZON = 90;
    private static final int LOOK_AHEAD = 7;

    static EasyAppointmentsProperties calendar(ZoneId zone, int horizonDays, int lookAheadDays) {
        return new EasyAppointmentsProperties("", "http://127.0.0.1:8000/sandbox/easyappointments/index.php/api/v1",
                null, "sandbox", "sandbox", 2, 1, zone, horizonDays, lookAheadDays, 1000, 2500);
    }

    private final AvailabilityRequests requests = new AvailabilityRequests(NOW, calendar(LONDON, HORIZON, LOOK_AHEAD));

    static ToolCall askingFor(String date) {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        if (date != null) {
            arguments.put("date", date);
        }
        return new ToolCall("call_1", "check_availability", arguments, true, null);
    }

    @ParameterizedTest(name = "today{0} ({1}) is bookable")
    @CsvSource({
        "+0,  2026-11-24",
        "+1,  2026-11-25",
        "+6,  2026-11-30",
        "+37, 2026-12-31",
        "+89, 2027-02-21",
        "+90, 2027-02-22"
    })
    void acceptsTodayUpToTheHorizon(String offset, LocalDate date) {
        assertThat(TODAY.plusDays(Integer.parseInt(offset.trim().replace("+", "")))).isEqualTo(date);

        assertThat(requests.search(askingFor(date.toString())).requested()).isEqualTo(date);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2026-11-23", "2026-11-23T23:59:00Z", "2026-01-01", "2025-11-24"})
    void refusesDaysThatHavePassed(String date) {
        assertThatThrownBy(() -> requests.search(askingFor(date)))
                .isInstanceOf(SpeakableException.class)
                .hasMessage("That date has already passed. Which day would you like?");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2027-02-23", "2027-03-01", "2027-11-24"})
    void refusesDaysBeyondTheHorizonNamingIt(String date) {
        assertThatThrownBy(() -> requests.search(askingFor(date)))
                .isInstanceOf(SpeakableException.class)
                .hasMessage("I can only book up to 90 days ahead, until Monday 22 February. Which day would you like?");
    }

    @Test
    void theHorizonComesFromTheSettings() {
        AvailabilityRequests shortHorizon = new AvailabilityRequests(NOW, calendar(LONDON, 14, LOOK_AHEAD));

        assertThat(shortHorizon.search(askingFor("2026-12-08")).requested()).isEqualTo(LocalDate.of(2026, 12, 8));
        assertThatThrownBy(() -> shortHorizon.search(askingFor("2026-12-09")))
                .isInstanceOf(SpeakableException.class)
                .hasMessageContaining("14 days ahead")
                .hasMessageContaining("Tuesday 8 December");
    }

    static Stream<Arguments> businessTimeZones() {
        return Stream.of(
                // already Wednesday 25th, 12:30 in Auckland while UTC still says the 24th
                arguments("2026-11-24T23:30:00Z", "Pacific/Auckland", "2026-11-24", false),
                arguments("2026-11-24T23:30:00Z", "Pacific/Auckland", "2026-11-25", true),
                arguments("2026-11-24T23:30:00Z", "Europe/London", "2026-11-24", true),
                // still Tuesday 24th, 19:00 in Honolulu while UTC already says the 25th
                arguments("2026-11-25T05:00:00Z", "Pacific/Honolulu", "2026-11-24", true),
                arguments("2026-11-25T05:00:00Z", "UTC", "2026-11-24", false));
    }

    @ParameterizedTest(name = "at {0} in {1}, {2} bookable: {3}")
    @MethodSource("businessTimeZones")
    void judgesTodayInTheBusinessTimeZone(String instant, String zone, String date, boolean bookable) {
        ZoneId businessZone = ZoneId.of(zone);
        AvailabilityRequests inZone = new AvailabilityRequests(Clock.fixed(Instant.parse(instant), businessZone),
                calendar(businessZone, HORIZON, LOOK_AHEAD));

        if (bookable) {
            assertThat(inZone.search(askingFor(date)).requested()).isEqualTo(LocalDate.parse(date));
        } else {
            assertThatThrownBy(() -> inZone.search(askingFor(date)))
                    .isInstanceOf(SpeakableException.class)
                    .hasMessage("That date has already passed. Which day would you like?");
        }
    }

    @Test
    void theHorizonIsAlsoCountedFromTheBusinessToday() {
        ZoneId auckland = ZoneId.of("Pacific/Auckland");
        AvailabilityRequests inAuckland = new AvailabilityRequests(
                Clock.fixed(Instant.parse("2026-11-24T23:30:00Z"), auckland), calendar(auckland, HORIZON, LOOK_AHEAD));

        // today there is the 25th, so the 90th day is 23 February, one day later than in London
        assertThat(inAuckland.search(askingFor("2027-02-23")).requested()).isEqualTo(LocalDate.of(2027, 2, 23));
        assertThatThrownBy(() -> requests.search(askingFor("2027-02-23"))).isInstanceOf(SpeakableException.class);
    }

    @ParameterizedTest(name = "<{0}>")
    @CsvSource(value = {"NULL", "''", "'   '"}, nullValues = "NULL")
    void asksForADateWhenNoneWasGiven(String date) {
        assertThatThrownBy(() -> requests.search(askingFor(date)))
                .isInstanceOf(SpeakableException.class)
                .hasMessage("Which day would you like? I need a date to check.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tomorrow", "30/11/2026", "2026-13-01", "2026-02-30"})
    void saysWhenTheDateIsNotValid(String date) {
        assertThatThrownBy(() -> requests.search(askingFor(date)))
                .isInstanceOf(SpeakableException.class)
                .hasMessage("I didn't catch a valid date. Which day would you like?");
    }

    @Test
    void saysWhenTheArgumentsCouldNotBeRead() {
        ToolCall unreadable = new ToolCall("call_1", "check_availability", null, false, null);

        assertThatThrownBy(() -> requests.search(unreadable))
                .isInstanceOf(SpeakableException.class)
                .hasMessage("I couldn't read the details of that request. Could you say them again?");
    }

    /**
     * @param requestedOffset  days from today asked for
     * @param lookAheadDays    the setting
     * @param freeOffsets      days after the requested one (0 = requested) on which the calendar has times
     * @param askedOffsets     days after the requested one the calendar is asked for, in order
     * @param alternativeOffsets days offered instead when the requested one is full
     * @param daysSearchedAfter what the answer says it looked through
     */
    static Stream<Arguments> searchPlans() {
        return Stream.of(
                arguments("requested day has times: nothing else asked",
                        6, 7, Set.of(0, 1, 2), List.of(0), List.of(), 0),
                arguments("requested day full: stops once two free days are found",
                        6, 7, Set.of(1, 2, 3, 4), List.of(0, 1, 2), List.of(1, 2), 2),
                arguments("full days in between are skipped",
                        6, 7, Set.of(2, 5, 6), List.of(0, 1, 2, 3, 4, 5), List.of(2, 5), 5),
                arguments("only one free day within the look-ahead",
                        6, 7, Set.of(4, 9), List.of(0, 1, 2, 3, 4, 5, 6, 7), List.of(4), 7),
                arguments("nothing free: the whole look-ahead is asked, no more",
                        6, 7, Set.of(8, 9), List.of(0, 1, 2, 3, 4, 5, 6, 7), List.of(), 7),
                arguments("a shorter look-ahead setting",
                        6, 3, Set.of(), List.of(0, 1, 2, 3), List.of(), 3),
                arguments("no look-ahead: only the requested day",
                        6, 0, Set.of(1), List.of(0), List.of(), 0),
                arguments("today, full, then free tomorrow and the day after",
                        0, 7, Set.of(1, 2), List.of(0, 1, 2), List.of(1, 2), 2),
                arguments("near the horizon: never asks past day 90",
                        88, 7, Set.of(), List.of(0, 1, 2), List.of(), 2),
                arguments("near the horizon: free day inside it is still found",
                        88, 7, Set.of(2, 3), List.of(0, 1, 2), List.of(2), 2),
                arguments("on the horizon: only that day",
                        90, 7, Set.of(), List.of(0), List.of(), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searchPlans")
    void plansWhichDaysToAsk(String description, int requestedOffset, int lookAheadDays, Set<Integer> freeOffsets,
            List<Integer> askedOffsets, List<Integer> alternativeOffsets, int daysSearchedAfter) {
        AvailabilityRequests planner = new AvailabilityRequests(NOW, calendar(LONDON, HORIZON, lookAheadDays));
        LocalDate requested = TODAY.plusDays(requestedOffset);

        AvailabilitySearch search = planner.search(askingFor(requested.toString()));
        List<Integer> asked = new ArrayList<>();
        int guard = 0;
        while (search.needsAnotherDay()) {
            assertThat(++guard).as("the loop must end").isLessThan(400);
            List<ProviderSlots> answers = new ArrayList<>();
            for (SlotQuery query : search.nextQueries()) {
                int offset = (int) (query.date().toEpochDay() - requested.toEpochDay());
                asked.add(offset);
                answers.add(new ProviderSlots(query, freeOffsets.contains(offset) ? List.of("09:00", "14:30") : List.of()));
            }
            search = planner.recordRound(search, answers);
        }

        assertThat(asked).as("days asked of the calendar").isEqualTo(askedOffsets);
        assertThat(search.requested()).isEqualTo(requested);
        assertThat(search.requestedSlots()).isEqualTo(freeOffsets.contains(0) ? List.of("09:00", "14:30") : List.of());
        assertThat(search.alternatives()).extracting(AvailabilitySearch.FreeDay::date)
                .containsExactlyElementsOf(alternativeOffsets.stream().map(requested::plusDays).toList());
        assertThat(search.alternatives()).allSatisfy(day -> assertThat(day.slots()).containsExactly("09:00", "14:30"));
        assertThat(search.daysSearchedAfter()).isEqualTo(daysSearchedAfter);
    }

    /** A full Friday before a closed weekend: three rounds (Friday; Saturday and Sunday; Monday and Tuesday), five days. */
    @Test
    void theLookAheadAsksTheDaysStillWantedAtOnce() {
        LocalDate friday = LocalDate.of(2026, 12, 4);
        AvailabilitySearch search = new AvailabilitySearch(friday, friday.plusDays(7));
        Set<LocalDate> open = Set.of(friday.plusDays(3), friday.plusDays(4), friday.plusDays(5));
        List<List<LocalDate>> rounds = new ArrayList<>();

        while (search.needsAnotherDay()) {
            List<SlotQuery> queries = search.nextQueries();
            rounds.add(queries.stream().map(SlotQuery::date).toList());
            assertThat(queries).allSatisfy(q -> assertThat(q.providerId()).as("the line's own provider").isNull());
            search.recordRound(queries.stream()
                    .map(q -> new ProviderSlots(q, open.contains(q.date()) ? List.of("10:00") : List.of())).toList());
        }

        assertThat(rounds).containsExactly(List.of(friday), List.of(friday.plusDays(1), friday.plusDays(2)),
                List.of(friday.plusDays(3), friday.plusDays(4)));
        assertThat(search.alternatives()).extracting(AvailabilitySearch.FreeDay::date)
                .containsExactly(friday.plusDays(3), friday.plusDays(4));
    }

    @Test
    void aFreshSearchAsksForTheRequestedDayFirst() {
        LocalDate requested = LocalDate.of(2026, 11, 30);
        AvailabilitySearch search = new AvailabilitySearch(requested, requested.plusDays(7));

        assertThat(search.needsAnotherDay()).isTrue();
        assertThat(search.nextDate()).isEqualTo(requested);
        assertThat(search.requestedSlots()).isEmpty();
        assertThat(search.alternatives()).isEmpty();
    }

    @Test
    void aLastDayBeforeTheRequestedOneStillAsksForTheRequestedDay() {
        LocalDate requested = LocalDate.of(2026, 11, 30);
        AvailabilitySearch search = new AvailabilitySearch(requested, requested.minusDays(3));

        assertThat(search.nextDate()).isEqualTo(requested);
        search.record(List.of());
        assertThat(search.needsAnotherDay()).isFalse();
        assertThat(search.daysSearchedAfter()).isZero();
    }

    @Test
    void theCalendarsListIsCopied() {
        LocalDate requested = LocalDate.of(2026, 11, 30);
        AvailabilitySearch search = new AvailabilitySearch(requested, requested.plusDays(7));
        List<String> fromCalendar = new ArrayList<>(List.of("09:00"));

        search.record(fromCalendar);
        fromCalendar.add("10:00");

        assertThat(search.requestedSlots()).containsExactly("09:00");
    }
}

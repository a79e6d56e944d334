package io.github.vapireceptionist.availability;

import io.github.vapireceptionist.calendar.SlotQuery;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The days asked of the calendar for one check_availability call: the requested day first and,
 * only when it is full, the following days (within the booking horizon) until enough days with
 * free times are found. One instance lives for one tool call.
 */
public final class AvailabilitySearch {

    /** How many alternative days with free times are worth reading to a caller. */
    static final int ALTERNATIVE_DAYS_WANTED = 2;

    private final LocalDate requested;
    private final LocalDate lastDay;
    private final List<FreeDay> alternatives = new ArrayList<>();
    private List<String> requestedSlots;
    private LocalDate nextDate;
    private Team team;
    private Map<String, List<Integer>> requestedFreeWith = Map.of();

    public AvailabilitySearch(LocalDate requested, LocalDate lastSearchableDay) {
        this.requested = requested;
        this.lastDay = lastSearchableDay.isBefore(requested) ? requested : lastSearchableDay;
        this.nextDate = requested;
    }

    public record FreeDay(LocalDate date, List<String> slots) {
        public FreeDay {
            slots = List.copyOf(slots);
        }
    }

    public boolean needsAnotherDay() {
        if (requestedSlots == null) {
            return true;
        }
        return requestedSlots.isEmpty() && alternatives.size() < ALTERNATIVE_DAYS_WANTED && !nextDate.isAfter(lastDay);
    }

    public LocalDate nextDate() {
        return nextDate;
    }

    /** Records the calendar's slots for {@link #nextDate()} and moves on to the day after. */
    public AvailabilitySearch record(List<String> slots) {
        if (requestedSlots == null) {
            requestedSlots = List.copyOf(slots);
        } else if (!slots.isEmpty()) {
            alternatives.add(new FreeDay(nextDate, slots));
        }
        nextDate = nextDate.plusDays(1);
        return this;
    }

    /** Who is asked: null for the line's own provider and service, as the calendar-availabilities route asks by default. */
    public Team team() {
        return team;
    }

    public AvailabilitySearch withTeam(Team asked) {
        this.team = asked;
        return this;
    }

    /** The calendar queries for {@link #nextDate()}: one per person of the team (two when their zone makes two days). */
    public List<SlotQuery> nextQueries() {
        return team.queries(nextDate);
    }

    /** Records the team's answers for {@link #nextDate()}: a time is free when anyone asked is free then. */
    public AvailabilitySearch recordTeam(List<ProviderSlots> answers) {
        Map<String, List<Integer>> free = team.freeWith(nextDate, answers);
        if (requestedSlots == null) {
            requestedFreeWith = free;
        }
        return record(new ArrayList<>(free.keySet()));
    }

    /** With a team: each free time of the requested day and the ids of the people free then, lowest first. */
    public Map<String, List<Integer>> requestedFreeWith() {
        return requestedFreeWith;
    }

    public LocalDate requested() {
        return requested;
    }

    public List<String> requestedSlots() {
        return requestedSlots == null ? List.of() : requestedSlots;
    }

    public List<FreeDay> alternatives() {
        return List.copyOf(alternatives);
    }

    /** Days after the requested one that were searched (for "nothing in the next N days"). */
    public int daysSearchedAfter() {
        return (int) (nextDate.toEpochDay() - requested.toEpochDay()) - 1;
    }
}

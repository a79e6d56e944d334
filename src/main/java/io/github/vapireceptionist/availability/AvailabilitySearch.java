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

    /**
     * The days the next round asks: the requested day alone; once it is full, as many following days (within
     * the look-ahead) as free days are still wanted, all at once. So the look-ahead reads exactly the days
     * one-by-one asking would, in fewer round trips.
     */
    List<LocalDate> nextDates() {
        if (requestedSlots == null) {
            return List.of(requested);
        }
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate day = nextDate; !day.isAfter(lastDay) && dates.size() < ALTERNATIVE_DAYS_WANTED - alternatives.size();
                day = day.plusDays(1)) {
            dates.add(day);
        }
        return dates;
    }

    /**
     * The calendar queries of the next round: one per day for the line's own provider; with a team, one per
     * person and day (two days of a person's own when their zone makes two), each asked once.
     */
    public List<SlotQuery> nextQueries() {
        List<SlotQuery> queries = new ArrayList<>();
        for (LocalDate day : nextDates()) {
            if (team == null) {
                queries.add(SlotQuery.ofLine(day));
            } else {
                team.queries(day).stream().filter(q -> !queries.contains(q)).forEach(queries::add);
            }
        }
        return queries;
    }

    /** Records the answers of the round, day by day in order; with a team a time is free when anyone asked is free then. */
    public AvailabilitySearch recordRound(List<ProviderSlots> answers) {
        for (LocalDate day : nextDates()) {
            if (team == null) {
                record(answers.stream().filter(a -> a.query().date().equals(day)).findFirst().map(ProviderSlots::slots)
                        .orElse(List.of()));
                continue;
            }
            Map<String, List<Integer>> free = team.freeWith(day, answers);
            if (requestedSlots == null) {
                requestedFreeWith = free;
            }
            record(new ArrayList<>(free.keySet()));
        }
        return this;
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

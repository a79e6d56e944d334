package io.github.vapireceptionist.availability;

import io.github.vapireceptionist.catalog.Catalog;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.ExchangeProperty;

/** Words the result of an {@link AvailabilitySearch} for the caller. */
public class AvailabilityAnswers {

    /** Enough times to offer on the phone; the full list still goes to the model. */
    static final int TIMES_READ_OUT = 6;

    public AvailabilityAnswer speak(@ExchangeProperty("search") AvailabilitySearch search) {
        Team team = search.team();
        String day = SpokenDates.day(search.requested()) + (team == null ? "" : asked(team));
        List<String> slots = search.requestedSlots();
        List<AvailabilitySearch.FreeDay> alternatives = search.alternatives();
        List<AvailabilityAnswer.DaySlots> next = alternatives.stream()
                .map(d -> new AvailabilityAnswer.DaySlots(d.date().toString(), d.slots()))
                .toList();
        return new AvailabilityAnswer(true, search.requested().toString(), slots, next,
                message(day, slots, alternatives, search.daysSearchedAfter()),
                team == null ? null : team.service().name(),
                team == null ? null : team.named() == null ? "anyone" : Catalog.fullName(team.named()));
    }

    /** " for Full colour with María López", " for Cut" (anyone offering it). */
    private static String asked(Team team) {
        return (team.service().name() == null ? "" : " for " + team.service().name())
                + (team.named() == null ? "" : " with " + Catalog.fullName(team.named()));
    }

    private static String message(String day, List<String> slots, List<AvailabilitySearch.FreeDay> alternatives,
            int daysSearchedAfter) {
        if (!slots.isEmpty()) {
            return "On " + day + " I have " + times(slots) + ".";
        }
        if (alternatives.isEmpty()) {
            return "I have nothing free on " + day + (daysSearchedAfter > 0
                    ? " or in the " + daysSearchedAfter + " days after it" : "") + ". Would another date suit you?";
        }
        return "I have nothing free on " + day + ". " + nextFreeDays(alternatives) + ".";
    }

    /** "The next free days are Monday 30 November from 09:00 and ...", for any answer that offers other days. */
    public static String nextFreeDays(List<AvailabilitySearch.FreeDay> days) {
        List<String> offers = days.stream()
                .map(d -> SpokenDates.day(d.date()) + " from " + d.slots().get(0))
                .toList();
        return "The next free " + (offers.size() == 1 ? "day is " : "days are ") + SpokenDates.list(offers);
    }

    private static String times(List<String> slots) {
        if (slots.size() <= TIMES_READ_OUT) {
            return (slots.size() == 1 ? "one time free: " : "these times free: ") + SpokenDates.list(slots);
        }
        return slots.size() + " times free between " + slots.get(0) + " and " + slots.get(slots.size() - 1)
                + ", for example " + SpokenDates.list(spread(slots));
    }

    /** A few times spread over the day, not just the first few minutes of the morning. */
    private static List<String> spread(List<String> slots) {
        double step = (slots.size() - 1) / (double) (TIMES_READ_OUT - 1);
        return IntStream.range(0, TIMES_READ_OUT)
                .mapToObj(i -> slots.get((int) Math.round(i * step)))
                .distinct()
                .toList();
    }
}

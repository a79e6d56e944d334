package io.github.vapireceptionist.availability;

import io.github.vapireceptionist.calendar.ProviderRecord;
import io.github.vapireceptionist.calendar.ServiceRecord;
import io.github.vapireceptionist.calendar.SlotQuery;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who is asked for free times: one service and the people offering it, one named person or anyone of them.
 * Easy!Appointments answers each provider's times in that provider's own time zone; callers hear the
 * business's, so a day of the caller's is asked as the provider's days it overlaps (one, or two when the
 * zones differ) and each time converted, keeping those that fall on the caller's day.
 *
 * @param named the person the caller asked for; null: anyone offering the service
 */
public record Team(ServiceRecord service, ProviderRecord named, List<ProviderRecord> providers, ZoneId businessZone) {

    public Team {
        providers = List.copyOf(providers);
    }

    /** The person of the team with that id. */
    public ProviderRecord provider(int id) {
        return providers.stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    /** One query per provider and provider's day that overlaps the caller's day. */
    public List<SlotQuery> queries(LocalDate day) {
        List<SlotQuery> queries = new ArrayList<>();
        for (ProviderRecord provider : providers) {
            ZoneId zone = zone(provider);
            LocalDate first = day.atStartOfDay(businessZone).withZoneSameInstant(zone).toLocalDate();
            LocalDate last = day.plusDays(1).atStartOfDay(businessZone).minusNanos(1).withZoneSameInstant(zone).toLocalDate();
            for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
                queries.add(new SlotQuery(provider.id(), service.id(), date));
            }
        }
        return queries;
    }

    /** Each free "HH:MM" of the caller's day (business zone), sorted, with the ids of the people free then, lowest first. */
    public Map<String, List<Integer>> freeWith(LocalDate day, List<ProviderSlots> answers) {
        Map<String, TreeSet<Integer>> free = new TreeMap<>();
        for (ProviderSlots answer : answers) {
            ZoneId zone = providers.stream().filter(p -> p.id() == answer.query().providerId()).findFirst()
                    .map(this::zone).orElse(businessZone);
            for (String slot : answer.slots()) {
                ZonedDateTime there = answer.query().date().atTime(LocalTime.parse(slot)).atZone(zone);
                ZonedDateTime here = there.withZoneSameInstant(businessZone);
                if (here.toLocalDate().equals(day)) {
                    free.computeIfAbsent(SpokenDates.time(here.toLocalTime()), t -> new TreeSet<>()).add(answer.query().providerId());
                }
            }
        }
        Map<String, List<Integer>> sorted = new TreeMap<>();
        free.forEach((time, ids) -> sorted.put(time, List.copyOf(ids)));
        return sorted;
    }

    /** A provider's zone; one the calendar spells in a way Java does not know is taken as the business's. */
    public ZoneId zone(ProviderRecord provider) {
        return zone(provider, businessZone);
    }

    /** A provider's zone, or {@code businessZone} when the calendar has none Java knows. */
    public static ZoneId zone(ProviderRecord provider, ZoneId businessZone) {
        try {
            return provider.timezone() == null || provider.timezone().isBlank() ? businessZone : ZoneId.of(provider.timezone());
        } catch (DateTimeException unknown) {
            return businessZone;
        }
    }
}

package io.github.vapireceptionist.availability;

import io.github.vapireceptionist.calendar.SlotQuery;
import java.util.List;

/** One provider's free "HH:MM" times on one day of their own calendar, in their own time zone. */
public record ProviderSlots(SlotQuery query, List<String> slots) {
}

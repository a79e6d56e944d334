package io.github.vapireceptionist.calendar;

import java.time.LocalDate;

/** {@code GET /availabilities} for one provider and service on one day of the provider's own calendar. */
public record SlotQuery(int providerId, int serviceId, LocalDate date) {
}

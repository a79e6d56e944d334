package io.github.vapireceptionist.calendar;

import java.time.LocalDate;

/**
 * {@code GET /availabilities} for one provider and service on one day of the provider's own calendar; a null
 * provider and service are the line's own (EASYAPPOINTMENTS_PROVIDER_ID, EASYAPPOINTMENTS_SERVICE_ID).
 */
public record SlotQuery(Integer providerId, Integer serviceId, LocalDate date) {

    /** A day of the line's own provider and service. */
    public static SlotQuery ofLine(LocalDate date) {
        return new SlotQuery(null, null, date);
    }
}

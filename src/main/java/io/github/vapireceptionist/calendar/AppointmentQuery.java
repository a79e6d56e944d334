package io.github.vapireceptionist.calendar;

import java.time.LocalDate;

/** {@code GET /appointments?date&providerId[&customerId]}; a null customer means everyone's. */
public record AppointmentQuery(LocalDate date, Integer customerId, int length) {
}

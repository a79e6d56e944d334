package io.github.vapireceptionist.calendar;

import java.time.LocalDate;

/**
 * {@code GET /appointments?[date|from&till]&providerId[&customerId]}; a null customer means everyone's.
 * {@code from} is DATE(start) >=, {@code till} DATE(end) <= (the only range filters Easy!Appointments has).
 */
public record AppointmentQuery(LocalDate date, Integer customerId, int length, LocalDate from, LocalDate till) {

    public AppointmentQuery(LocalDate date, Integer customerId, int length) {
        this(date, customerId, length, null, null);
    }

    /** One customer's appointments from one day to another, both included. */
    public static AppointmentQuery between(LocalDate from, LocalDate till, int customerId, int length) {
        return new AppointmentQuery(null, customerId, length, from, till);
    }
}

package io.github.vapireceptionist.calendar;

import java.time.LocalDate;

/**
 * {@code GET /appointments?[date|from&till]&providerId[&customerId]}; a null customer means everyone's.
 * {@code from} is DATE(start) >=, {@code till} DATE(end) <= (the only range filters Easy!Appointments has).
 * {@code providerId} null is the line's own provider (EASYAPPOINTMENTS_PROVIDER_ID).
 */
public record AppointmentQuery(LocalDate date, Integer customerId, int length, LocalDate from, LocalDate till,
        Integer providerId) {

    public AppointmentQuery(LocalDate date, Integer customerId, int length) {
        this(date, customerId, length, null, null, null);
    }

    /** The same query of another provider than the line's own ({@link #ANY_PROVIDER}: of every provider). */
    public AppointmentQuery of(int provider) {
        return new AppointmentQuery(date, customerId, length, from, till, provider);
    }

    public static final int ANY_PROVIDER = 0;

    /** One customer's appointments from one day to another, both included. */
    public static AppointmentQuery between(LocalDate from, LocalDate till, int customerId, int length) {
        return new AppointmentQuery(null, customerId, length, from, till, null);
    }
}

package io.github.vapireceptionist.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An appointment as Easy!Appointments keeps it, for a data subject's export and erasure. The
 * {@code hash} (the secret of the customer's manage-booking link) and the calendar sync ids are
 * left out: they are keys, not data about the person.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppointmentRecord(int id, String book, String start, String end, String status, String location,
        String notes, Integer customerId, Integer providerId, Integer serviceId) {
}

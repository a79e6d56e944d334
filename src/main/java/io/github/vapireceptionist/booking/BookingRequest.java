package io.github.vapireceptionist.booking;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/** book_appointment's arguments once checked: every field present and normalised. */
public record BookingRequest(LocalDate date, LocalTime time, String firstName, String lastName, String email,
        String phone, String toolCallId, String callId) {

    public LocalDateTime start() {
        return date.atTime(time);
    }
}

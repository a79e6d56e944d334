package io.github.vapireceptionist.booking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.vapireceptionist.core.ConfirmableResult;

/**
 * book_appointment's result: the datasheet's {@code {"success":true,"appointment_id":N,
 * "confirmation_sent":bool}} plus what the assistant needs to confirm aloud.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BookingAnswer(boolean success, int appointmentId, boolean confirmationSent, String date, String time,
        Boolean alreadyBooked, String message) implements ConfirmableResult {

    @Override
    public BookingAnswer withConfirmationSent() {
        return new BookingAnswer(success, appointmentId, true, date, time, alreadyBooked, message + CONFIRMATION_SENT);
    }
}

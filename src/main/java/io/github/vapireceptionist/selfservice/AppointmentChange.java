package io.github.vapireceptionist.selfservice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.vapireceptionist.core.ConfirmableResult;

/**
 * cancel_appointment's and reschedule_appointment's result. {@code changed} is false for a cancel not
 * yet confirmed; {@code appointment} is the one cancelled, or the new one after a move (whose
 * {@code previousReference} is the one released).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppointmentChange(boolean success, boolean changed, SpokenAppointment appointment, String previousReference,
        Boolean confirmationSent, String message) implements ConfirmableResult {

    @Override
    public AppointmentChange withConfirmationSent() {
        return new AppointmentChange(success, changed, appointment, previousReference, true, message + CONFIRMATION_SENT);
    }
}

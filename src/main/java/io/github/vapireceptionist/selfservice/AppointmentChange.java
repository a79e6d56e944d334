package io.github.vapireceptionist.selfservice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * cancel_appointment's and reschedule_appointment's result. {@code changed} is false for a cancel not
 * yet confirmed; {@code appointment} is the one cancelled, or the new one after a move (whose
 * {@code previousReference} is the one released).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppointmentChange(boolean success, boolean changed, SpokenAppointment appointment, String previousReference,
        Boolean confirmationSent, String message) {
}

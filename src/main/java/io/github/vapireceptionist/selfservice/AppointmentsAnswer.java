package io.github.vapireceptionist.selfservice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** find_appointment's result: the caller's upcoming appointments and a sentence that says them. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AppointmentsAnswer(boolean success, List<SpokenAppointment> appointments, String message) {
}

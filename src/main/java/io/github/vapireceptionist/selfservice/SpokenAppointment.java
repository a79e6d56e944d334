package io.github.vapireceptionist.selfservice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One of the caller's appointments as the assistant may repeat it: reference, date, time. No names, no contact data. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SpokenAppointment(String reference, String date, String time) {
}

package io.github.vapireceptionist.selfservice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One of the caller's appointments as the assistant may repeat it: reference, date, time, and the service and
 * person when the line has several (absent for the line's own service and provider, as before). No customer
 * names, no contact data.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpokenAppointment(String reference, String date, String time, String service, String provider) {
}

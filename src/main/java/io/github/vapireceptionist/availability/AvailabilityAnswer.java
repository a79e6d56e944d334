package io.github.vapireceptionist.availability;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * check_availability's result: the datasheet's {@code {"success":true,"slots":[...]}} plus the
 * date, the next days with free times when that day is full, and a sentence to say. {@code slots}
 * is always there, empty on a full day, as the datasheet's shape has it. {@code service} and {@code provider}
 * name what was asked for when the caller named a service or a person (provider "anyone" for everyone offering it).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AvailabilityAnswer(boolean success, String date, List<String> slots,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DaySlots> nextAvailable, String message, String service,
        String provider) {

    public record DaySlots(String date, List<String> slots) {
    }
}

package io.github.vapireceptionist.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** An Easy!Appointments appointment; start and end are naive local times of the provider. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CalendarAppointment(int id, String start, String end, String status, Integer customerId,
        Integer providerId, Integer serviceId, String notes) {

    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public LocalDateTime startTime() {
        return parse(start);
    }

    public LocalDateTime endTime() {
        return parse(end);
    }

    public boolean overlaps(LocalDateTime from, LocalDateTime until) {
        LocalDateTime s = startTime();
        LocalDateTime e = endTime();
        return s != null && e != null && s.isBefore(until) && e.isAfter(from);
    }

    private static LocalDateTime parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value, FORMAT);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

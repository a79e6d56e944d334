package io.github.vapireceptionist.availability;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vapireceptionist.core.SpeakableException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads a date argument the way the model sends it: {@code YYYY-MM-DD}, or an ISO date-time whose
 * date part is taken as said. Anything else is a speakable error naming what is wrong.
 */
public final class BookableDates {

    static final int MAX_LENGTH = 40;

    private BookableDates() {
    }

    public static LocalDate parse(JsonNode arguments, String field) {
        JsonNode value = arguments.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            throw new SpeakableException("Which day would you like? I need a date to check.");
        }
        if (!value.isTextual() || value.asText().length() > MAX_LENGTH) {
            throw notADate();
        }
        String text = value.asText().trim();
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notPlainDate) {
            return datePartOf(text);
        }
    }

    private static LocalDate datePartOf(String text) {
        try {
            return OffsetDateTime.parse(text).toLocalDate();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toLocalDate();
            } catch (DateTimeParseException notLocal) {
                throw notADate();
            }
        }
    }

    private static SpeakableException notADate() {
        return new SpeakableException("I didn't catch a valid date. Which day would you like?");
    }
}

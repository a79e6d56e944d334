package io.github.vapireceptionist.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The bookable service: how long an appointment lasts and how many may share a slot. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CalendarService(int id, int duration, int attendantsNumber) {

    public int attendants() {
        return Math.max(1, attendantsNumber);
    }
}

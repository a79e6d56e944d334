package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.core.SpeakableException;

/** The calendar answered something other than what the contract promises for success. */
public class CalendarUnavailableException extends SpeakableException {

    public static final String SENTENCE = "I can't reach the booking calendar right now. Please try again in a moment.";

    public CalendarUnavailableException() {
        super(SENTENCE, Kind.UNAVAILABLE);
    }
}

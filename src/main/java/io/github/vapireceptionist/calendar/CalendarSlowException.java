package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.core.SpeakableException;

/** The function's time budget ran out before the calendar answered: said instead of silence. */
public class CalendarSlowException extends SpeakableException {

    public static final String SENTENCE = "The booking calendar is slow to answer right now. Please try again in a moment.";

    public CalendarSlowException() {
        super(SENTENCE, Kind.UNAVAILABLE);
    }

    protected CalendarSlowException(Throwable cause) {
        super(SENTENCE, cause, Kind.UNAVAILABLE);
    }
}

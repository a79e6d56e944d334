package io.github.vapireceptionist.reconcile;

import io.github.vapireceptionist.calendar.CalendarAppointment;

/**
 * What the reads after a write with an unknown outcome found (exchange property {@value #PROPERTY}): applied (for a
 * create, the appointment it made), not applied, or still unknown (the reads failed too).
 */
public record WriteCheck(Outcome outcome, CalendarAppointment made) {

    public static final String PROPERTY = "writeCheck";

    public enum Outcome {
        APPLIED, NOT_APPLIED, UNKNOWN;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }

    public boolean notApplied() {
        return outcome == Outcome.NOT_APPLIED;
    }

    public boolean unknown() {
        return outcome == Outcome.UNKNOWN;
    }
}

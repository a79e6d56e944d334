package io.github.vapireceptionist.reconcile;

import java.util.Locale;

/**
 * Where in the flows a write to the calendar is made: the {@code point} label of the uncertain-write metrics.
 * Every one of them is settled the same way, once its outcome is known: the appointment it concerns must not
 * exist (a booking or move nobody was told about is withdrawn; a withdrawal, a cancel or a release is finished).
 */
public enum WritePoint {
    CUSTOMER_CREATE,
    APPOINTMENT_CREATE,
    /** The race loser's (or an unconfirmed booking's) own appointment, deleted. */
    WITHDRAWAL,
    CANCEL,
    RESCHEDULE_CREATE,
    RESCHEDULE_RELEASE;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether what a read found still needs the reconciler: an unknown outcome always does (except a customer, harmless
     * and found again by email); a withdrawal the calendar did not apply does too, since the caller was told "not booked".
     */
    boolean settleLater(WriteCheck.Outcome outcome) {
        if (this == CUSTOMER_CREATE) {
            return false;
        }
        return outcome == WriteCheck.Outcome.UNKNOWN || this == WITHDRAWAL && outcome == WriteCheck.Outcome.NOT_APPLIED;
    }
}

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
     * Whether what a read found still needs the reconciler: anything but applied (except a customer, harmless and found
     * again by email). Not applied is not final: a write held up inside the calendar (a lock, a backup) can land after
     * the read that missed it. So a create not found is watched for a while and withdrawn if it lands (the caller was
     * told nothing was booked), and a deletion still to be seen is made again (the caller was told it will be finished).
     */
    boolean settleLater(WriteCheck.Outcome outcome) {
        return this != CUSTOMER_CREATE && outcome != WriteCheck.Outcome.APPLIED;
    }
}

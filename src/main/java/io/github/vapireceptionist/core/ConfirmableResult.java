package io.github.vapireceptionist.core;

/** A function's result for a change the caller is sent a confirmation message of (a booking, a move, a cancellation). */
public interface ConfirmableResult {

    String CONFIRMATION_SENT = " I've sent you a confirmation message.";

    /** The same result with confirmation_sent true and {@link #CONFIRMATION_SENT} after its message. */
    ConfirmableResult withConfirmationSent();
}

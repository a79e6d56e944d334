package io.github.vapireceptionist.calendar;

/**
 * Easy!Appointments refused to create a customer because the email exists: another call created
 * it between our lookup and our create. The booking route looks the customer up again.
 */
public class EmailAlreadyInUseException extends RuntimeException {

    public EmailAlreadyInUseException() {
        super("email already in use", null, false, false);
    }
}

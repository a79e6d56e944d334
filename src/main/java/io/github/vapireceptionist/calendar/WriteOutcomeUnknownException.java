package io.github.vapireceptionist.calendar;

/**
 * A write to the calendar (POST, PUT, DELETE) whose answer did not arrive: a timeout, a reset or closed
 * connection, a 5xx without Easy!Appointments' own JSON error (a proxy's 502/503/504), or a 2xx to a create or update
 * whose body cannot be read (a PHP notice before the JSON, a proxy's own page). It may have been applied. The flows catch it and find out with reads before the caller hears anything
 * (routes/reconcile-write.camel.yaml); one that escapes is said as "slow, try again", as before.
 */
public class WriteOutcomeUnknownException extends CalendarSlowException {

    private final String operation;

    public WriteOutcomeUnknownException(String operation, Throwable cause) {
        super(cause);
        this.operation = operation;
    }

    /** The calendar operation (create-appointment, delete-appointment, ...). */
    public String operation() {
        return operation;
    }
}

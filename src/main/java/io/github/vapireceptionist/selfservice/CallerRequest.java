package io.github.vapireceptionist.selfservice;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * find_appointment, cancel_appointment or reschedule_appointment once checked. {@code callerNumber}
 * is the number the call comes from in E.164 (null when withheld or not a valid number);
 * {@code attemptsKey} is whom the attempts are counted for (that number, as sent when it is not a valid
 * one, or else the call); {@code email}, {@code day},
 * {@code reference}, {@code newDate} and {@code newTime} are null when not given or not used by the function.
 */
public record CallerRequest(String function, String toolCallId, String callId, String callerNumber, String attemptsKey,
        String email,
        LocalDate day, Integer reference, boolean confirm, LocalDate newDate, LocalTime newTime) {

    public LocalDateTime newStart() {
        return newDate == null ? null : newDate.atTime(newTime);
    }
}

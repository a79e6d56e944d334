package io.github.vapireceptionist.support;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** The sandbox calendar (and the stubs imitating it) is open Monday to Friday: tests book on a weekday. */
public final class Weekdays {

    private Weekdays() {
    }

    /** The date itself when it is a weekday, else the Monday after it. */
    public static LocalDate onOrAfter(LocalDate date) {
        LocalDate day = date;
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day;
    }
}

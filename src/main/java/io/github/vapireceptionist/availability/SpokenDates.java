package io.github.vapireceptionist.availability;

import io.github.vapireceptionist.core.SpokenLists;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Dates and lists the way a receptionist says them: "Monday 30 November", "a, b and c". */
public final class SpokenDates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private SpokenDates() {
    }

    public static String day(LocalDate date) {
        return DAY.format(date);
    }

    /** 24-hour "HH:MM", the way times are offered and confirmed everywhere. */
    public static String time(LocalTime time) {
        return TIME.format(time);
    }

    public static String list(List<String> items) {
        return SpokenLists.and(items);
    }
}

package io.github.vapireceptionist.sandbox;

import io.github.vapireceptionist.sandbox.SandboxCalendar.Service;
import io.github.vapireceptionist.sandbox.SandboxCalendar.WorkingDay;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Easy!Appointments 1.5.2's {@code Availability::get_available_hours} for a single-attendant
 * service: the working day minus its breaks minus every appointment of the provider that touches
 * the date (whatever its status, Cancelled included) leaves free periods; from the start of each
 * one a time is offered every 15 minutes ({@code flexible}) or every service duration
 * ({@code fixed}) while the whole service still fits. Times up to now + book_advance_timeout are
 * dropped, and a date at or past now + future_booking_limit days has none.
 */
final class AvailableHours {

    record Period(LocalDateTime start, LocalDateTime end) {
    }

    private static final int FLEXIBLE_STEP_MINUTES = 15;
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private AvailableHours() {
    }

    /**
     * @param day        the provider's plan for that date; null is a day off
     * @param taken      the provider's appointments that touch the date, in its local time
     * @param now        the current instant, in the provider's time zone
     */
    static List<String> on(LocalDate date, WorkingDay day, List<Period> taken, Service service,
                           ZonedDateTime now, int bookAdvanceTimeoutMinutes, int futureBookingLimitDays) {
        boolean pastBookingLimit = !date.atStartOfDay(now.getZone()).isBefore(now.plusDays(futureBookingLimitDays));
        if (day == null || pastBookingLimit) {
            return List.of();
        }
        List<Period> free = freePeriods(date, day, taken);
        int step = "fixed".equals(service.availabilitiesType()) ? service.duration() : FLEXIBLE_STEP_MINUTES;
        long threshold = now.plusMinutes(bookAdvanceTimeoutMinutes).toEpochSecond();
        List<String> hours = new ArrayList<>();
        for (Period period : free) {
            for (LocalDateTime start = period.start();
                 !start.plusMinutes(service.duration()).isAfter(period.end());
                 start = start.plusMinutes(step)) {
                // consider_book_advance_timeout drops a time equal to the threshold as well.
                if (start.atZone(now.getZone()).toEpochSecond() > threshold) {
                    hours.add(start.format(HOUR_MINUTE));
                }
            }
        }
        hours.sort(Comparator.naturalOrder());
        return List.copyOf(hours);
    }

    static List<Period> freePeriods(LocalDate date, WorkingDay day, List<Period> taken) {
        List<Period> free = List.of(new Period(at(date, day.start()), at(date, day.end())));
        for (SandboxCalendar.Break pause : day.breaks()) {
            free = without(free, new Period(at(date, pause.start()), at(date, pause.end())));
        }
        for (Period appointment : taken) {
            // Periods are kept as "H:i" in EA, so an appointment boundary loses its seconds.
            Period busy = new Period(appointment.start().truncatedTo(ChronoUnit.MINUTES),
                    appointment.end().truncatedTo(ChronoUnit.MINUTES));
            if (busy.start().isBefore(busy.end())) {
                free = without(free, busy);
            }
        }
        return free.stream().sorted(Comparator.comparing(Period::start)).toList();
    }

    private static List<Period> without(List<Period> periods, Period cut) {
        List<Period> left = new ArrayList<>();
        for (Period period : periods) {
            if (!cut.end().isAfter(period.start()) || !cut.start().isBefore(period.end())) {
                left.add(period);
                continue;
            }
            if (period.start().isBefore(cut.start())) {
                left.add(new Period(period.start(), cut.start()));
            }
            if (cut.end().isBefore(period.end())) {
                left.add(new Period(cut.end(), period.end()));
            }
        }
        return left;
    }

    private static LocalDateTime at(LocalDate date, String hourMinute) {
        return date.atTime(LocalTime.parse(hourMinute));
    }
}

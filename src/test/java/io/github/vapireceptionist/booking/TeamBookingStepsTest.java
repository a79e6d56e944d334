package io.github.vapireceptionist.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.availability.Team;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.calendar.CalendarService;
import io.github.vapireceptionist.calendar.NewAppointment;
import io.github.vapireceptionist.calendar.ProviderRecord;
import io.github.vapireceptionist.calendar.ServiceRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A booking with a person in another time zone: written in their time, confirmed in the business's. */
class TeamBookingStepsTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Monday 30 November 2026: London on UTC, New York five hours behind. */
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final ServiceRecord FOLLOW_UP = new ServiceRecord(3, "Follow-up", 15, BigDecimal.TEN, "GBP", 1, false);
    private static final ProviderRecord SAM = new ProviderRecord(40, "Sam", "Reed", "America/New_York", List.of(3));

    private final BookingSteps steps = new BookingSteps(new BookingReplays(new BookingProperties("GB", 10000, 24)), new BookingStepsTest.FixedCatalog(new CalendarService(1, 30, 1)), null,
            Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), LONDON), BookingStepsTest.calendar(), new SimpleMeterRegistry());

    @Test
    void theAppointmentIsWrittenInThePersonsOwnTimeForTheServicesLengthAndConfirmedInTheBusinesss() {
        Booking booking = BookingStepsTest.booking(DAY, "14:00", "tc-ny");
        booking.team(new Team(FOLLOW_UP, SAM, List.of(SAM), LONDON));
        booking.candidates(List.of(40));
        booking.customer(BookingStepsTest.zoe());

        NewAppointment written = steps.newAppointment(booking);

        assertThat(written.start()).isEqualTo("2026-11-30 09:00:00");
        assertThat(written.end()).isEqualTo("2026-11-30 09:15:00");
        assertThat(written.providerId()).isEqualTo(40);
        assertThat(written.serviceId()).isEqualTo(3);
        booking.appointment(new CalendarAppointment(77, written.start(), written.end(), "Booked", 1, 40, 3, null));
        assertThat(steps.endHere(booking)).isEqualTo(LocalDateTime.of(2026, 11, 30, 14, 15));
        assertThat(booking.dayQuery().date()).isEqualTo(DAY);
        assertThat(booking.dayQuery().providerId()).isEqualTo(40);
    }

    /**
     * "Anyone" asked before the catalog was first read: its stand-in for the line's service knows no name and
     * no length. The appointment still takes the service's length (a zero-length one would block nothing), a
     * later booking of that time with that person loses the race, and the answer reads as the line's own.
     */
    @Test
    void aTeamBookingBeforeTheCatalogIsReadTakesTheServicesLengthAndNamesNobody() {
        ServiceRecord nameless = new ServiceRecord(1, null, 0, null, null, 1, false);
        ProviderRecord configured = new ProviderRecord(2, null, null, "Europe/London", List.of(1));
        Booking booking = BookingStepsTest.booking(DAY, "14:00", "tc-cold");
        booking.team(new Team(nameless, null, List.of(configured), LONDON));
        booking.candidates(List.of(2));
        booking.customer(BookingStepsTest.zoe());

        NewAppointment written = steps.newAppointment(booking);
        assertThat(written.start()).isEqualTo("2026-11-30 14:00:00");
        assertThat(written.end()).isEqualTo("2026-11-30 14:30:00");

        booking.appointment(new CalendarAppointment(78, written.start(), written.end(), "Booked", 1, 2, 1, null));
        steps.raceCheck(booking, List.of());
        assertThat(booking.callerCheckDue()).as("anyone: the caller's own appointments are read before it is kept").isTrue();
        steps.callerCheck(booking, List.of(booking.appointment()));
        BookingAnswer answer = (BookingAnswer) booking.answer().result();
        assertThat(answer.message()).isEqualTo("You're booked in for Monday 30 November at 14:00, Zoe. Your reference is 78.");

        Booking later = BookingStepsTest.booking(DAY, "14:15", "tc-later");
        later.team(new Team(nameless, null, List.of(configured), LONDON));
        later.candidates(List.of(2));
        later.customer(BookingStepsTest.zoe());
        later.appointment(new CalendarAppointment(79, "2026-11-30 14:15:00", "2026-11-30 14:45:00", "Booked", 2, 2, 1, null));
        steps.raceCheck(later, List.of(new CalendarAppointment(78, written.start(), written.end(), "Booked", 1, 2, 1, null)));
        assertThat(later.kept()).as("14:15 overlaps the 30-minute appointment at 14:00").isFalse();
    }
}

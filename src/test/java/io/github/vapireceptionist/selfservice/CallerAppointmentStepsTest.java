package io.github.vapireceptionist.selfservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.booking.BookingProperties;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.booking.BookingRequests;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.catalog.CatalogProperties;
import io.github.vapireceptionist.catalog.StaffCatalog;
import io.github.vapireceptionist.calendar.CalendarCustomer;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.core.ToolAnswer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who the caller is, decided from what the calendar's substring search returned. */
class CallerAppointmentStepsTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Tuesday 24 November 2026, 10:00 in London. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), LONDON);
    private static final String CALLER = "+447123456789";

    private final EasyAppointmentsProperties calendar = new EasyAppointmentsProperties("", "http://127.0.0.1:8000/sandbox",
            null, "sandbox", "sandbox", 2, 1, LONDON, 90, 7, 1000, 2500);
    private final BookingProperties booking = new BookingProperties("GB", 10000, 24);
    private final BookingRequests bookings = new BookingRequests(NOW, calendar, booking);
    private final CallerAppointmentSteps steps = new CallerAppointmentSteps(new BookingReplays(booking), bookings, NOW, calendar,
            new StaffCatalog(NOW, new CatalogProperties(List.of(), List.of(), 60), 1, 2, "Europe/London"));

    @Test
    void theNumberIsSearchedInTheFormsPeopleTypeIt() {
        assertThat(steps.numberForms(CALLER)).containsExactly("7123456789", "07123 456789", "+44 7123 456789");
        assertThat(steps.numberForms(null)).isEmpty();
    }

    @ParameterizedTest(name = "calendar phone {0}: the caller ({1})")
    @CsvSource(delimiter = '|', value = {
        "+447123456789   | true",
        "07123 456789    | true",
        "07123456789     | true",
        "+44 7123 456789 | true",
        "0044 7123 456789| true",
        "+4471234567890  | false",
        "07123 456788    | false",
        "+17123456789    | false",
        // read with DEFAULT_PHONE_REGION, as booking reads what callers say
        "7123456789      | true",
        "''              | false"})
    void aSearchByNumberKeepsOnlyCustomersWithExactlyTheCallersNumber(String stored, boolean theirs) {
        CallerAppointments caller = caller(CALLER, null);
        steps.identify(caller);

        steps.customersPage(caller, List.of(customer(57, "zoe@example.com", stored)));

        assertThat(caller.identified()).isEqualTo(theirs);
    }

    @ParameterizedTest(name = "caller {0}, email {1}, calendar phone {2}: identified {3}")
    @CsvSource(delimiter = '|', value = {
        // the email of a customer whose phone is the caller's
        "+447123456789 | zoe@example.com | 07123 456789  | true",
        // someone else's email: their phone is not the caller's number
        "+447911123456 | zoe@example.com | 07123 456789  | false",
        // the calendar has no phone for them: the email alone, even on a withheld number
        "+447911123456 | zoe@example.com | ''            | true",
        "''            | zoe@example.com | ''            | true",
        // a withheld number never matches a phone the calendar has
        "''            | zoe@example.com | 07123 456789  | false",
        // exact match only (case aside): a substring hit is someone else
        "+447911123456 | oe@example.com  | ''            | false"})
    void anEmailIdentifiesOnlyTogetherWithTheCallersNumberWhenTheCalendarHasAPhone(String number, String email, String stored,
            boolean identified) {
        CallerAppointments caller = caller(number.isEmpty() ? null : number, email);
        steps.identify(caller);
        while (!caller.currentSearch().byEmail()) {
            steps.customersPage(caller, List.of());
        }

        steps.customersPage(caller, List.of(customer(57, "Zoe@Example.com", stored)));
        steps.requireIdentified(caller);

        assertThat(caller.identified()).isEqualTo(identified);
        if (!identified) {
            assertThat(caller.answer().error()).isEqualTo(CallerAppointmentSteps.UNKNOWN_EMAIL);
        }
    }

    @Test
    void onlyUpcomingBookedAppointmentsOfThisProviderAreListedSoonestFirst() {
        CallerAppointments caller = caller(CALLER, null);
        steps.identify(caller);
        steps.customersPage(caller, List.of(customer(57, "zoe@example.com", CALLER)));

        steps.appointmentsPage(caller, List.of(
                appointment(44, "2026-12-01 09:00:00", "Booked", 2, 57),
                appointment(41, "2026-11-30 10:00:00", "Booked", 2, 57),
                appointment(42, "2026-11-24 09:00:00", "Booked", 2, 57),
                appointment(43, "2026-11-30 11:00:00", "Cancelled", 2, 57),
                appointment(45, "2026-11-30 12:00:00", "Booked", 3, 57),
                appointment(46, "2026-11-30 13:00:00", "Booked", 2, 99)));
        steps.onTheLine(caller);
        steps.found(caller);

        AppointmentsAnswer answer = (AppointmentsAnswer) caller.answer().result();
        assertThat(answer.appointments()).extracting(SpokenAppointment::reference).containsExactly("41", "44");
        assertThat(answer.message()).isEqualTo("You have 2 upcoming appointments: Monday 30 November at 10:00, reference 41; "
                + "Tuesday 1 December at 09:00, reference 44.");
    }

    @Test
    void withoutACatalogReadAnotherServiceOfTheLinesOwnProviderIsSaidAsBeforeNeverAsANamelessLabel() {
        CalendarAppointment followUp = new CalendarAppointment(47, "2026-11-30 10:00:00", "2026-11-30 10:15:00", "Booked", 57, 2, 3, null);

        assertThat(steps.label(followUp)).isNull();
        assertThat(steps.yours(followUp)).isEqualTo("appointment on Monday 30 November at 10:00, reference 47");
        assertThat(steps.here(followUp)).isEqualTo(followUp);
    }

    @Test
    void anUnknownNumberIsAskedForTheEmail() {
        CallerAppointments caller = caller(CALLER, null);
        steps.identify(caller);
        steps.customersPage(caller, List.of());
        steps.customersPage(caller, List.of());
        steps.customersPage(caller, List.of());
        steps.requireIdentified(caller);

        assertThat(caller.identifying()).isFalse();
        assertThat(caller.answer()).isEqualTo(ToolAnswer.failure("I can't find a booking for this number; what email did you book with?"));
    }

    private static CallerAppointments caller(String number, String email) {
        return new CallerAppointments(new CallerRequest("find_appointment", "tc", "call-1", number,
                CallerRequests.attemptsKey(number, number, "call-1"), email, null, null, false, null, null));
    }

    private static CalendarCustomer customer(int id, String email, String phone) {
        return new CalendarCustomer(id, "Zoe", "Ng", email, phone);
    }

    private static CalendarAppointment appointment(int id, String start, String status, int provider, int customer) {
        return new CalendarAppointment(id, start, start.replace(":00:00", ":30:00"), status, customer, provider, 1, null);
    }
}

package io.github.vapireceptionist.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.vapireceptionist.availability.AvailabilitySearch;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.calendar.CalendarCustomer;
import io.github.vapireceptionist.calendar.CalendarService;
import io.github.vapireceptionist.calendar.CalendarUnavailableException;
import io.github.vapireceptionist.calendar.CustomerQuery;
import io.github.vapireceptionist.calendar.CustomerUpdate;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.core.ToolAnswer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decisions of the book-appointment route, step by step on one {@link Booking}: who the
 * customer is, whether the slot is theirs already, whether the time is offered, who wins a race
 * for one slot, and that the answer is remembered for a re-sent tool call.
 */
class BookingStepsTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Tuesday 24 November 2026, 10:00 in London. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), LONDON);
    private static final int PROVIDER = 2;
    private static final int SERVICE = 1;
    private static final int OTHER_PROVIDER = 3;
    private static final int OTHER_SERVICE = 4;
    private static final int CUSTOMER = 42;
    private static final int SOMEONE_ELSE = 43;
    /** Monday 30 November 2026. */
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    /** The service as the calendar describes it, without asking the calendar. */
    static final class FixedCatalog extends ServiceCatalog {

        private final CalendarService service;

        FixedCatalog(CalendarService service) {
            super(null, NOW);
            this.service = service;
        }

        @Override
        public CalendarService current() {
            return service;
        }
    }

    private final BookingReplays replays = new BookingReplays(new BookingProperties("GB", 10000, 24));
    private final BookingSteps steps = steps(1);

    static EasyAppointmentsProperties calendar() {
        return new EasyAppointmentsProperties("", "http://127.0.0.1:8000/sandbox/easyappointments/index.php/api/v1",
                null, "sandbox", "sandbox", PROVIDER, SERVICE, LONDON, 90, 7, 1000, 2500);
    }

    private BookingSteps steps(int attendants) {
        // no confirmations: none of the steps tested here sends one
        return new BookingSteps(replays, new FixedCatalog(new CalendarService(SERVICE, 30, attendants)), null, NOW,
                calendar(), new SimpleMeterRegistry());
    }

    static Booking booking(LocalDate date, String time, String toolCallId) {
        return new Booking(new BookingRequest(date, LocalTime.parse(time), "Zoe", "Smith", "zoe@example.com",
                "+447123456789", toolCallId, "call-1"));
    }

    static Booking booking(String time) {
        return booking(DAY, time, "tc1");
    }

    static CalendarCustomer zoe() {
        return new CalendarCustomer(CUSTOMER, "Zoe", "Smith", "zoe@example.com", "+447123456789");
    }

    static CalendarAppointment appointment(int id, String from, String until, int customer, int provider, int service) {
        return new CalendarAppointment(id, DAY + " " + from + ":00", DAY + " " + until + ":00", "Booked", customer,
                provider, service, null);
    }

    static CalendarAppointment ours() {
        return appointment(7, "10:00", "10:30", CUSTOMER, PROVIDER, SERVICE);
    }

    static BookingAnswer result(Booking booking) {
        assertThat(booking.answer().failed()).isFalse();
        return (BookingAnswer) booking.answer().result();
    }

    // (a) raceCheck

    static Stream<Arguments> racesWon() {
        return Stream.of(
                arguments("nobody else in the slot", 1, List.of()),
                arguments("a later overlapping appointment", 1,
                        List.of(appointment(9, "10:00", "10:30", SOMEONE_ELSE, PROVIDER, SERVICE))),
                arguments("an earlier overlap with another provider", 1,
                        List.of(appointment(5, "10:00", "10:30", SOMEONE_ELSE, OTHER_PROVIDER, SERVICE))),
                arguments("an earlier one straight after ours", 1,
                        List.of(appointment(5, "10:30", "11:00", SOMEONE_ELSE, PROVIDER, SERVICE))),
                arguments("an earlier one straight before ours", 1,
                        List.of(appointment(5, "09:30", "10:00", SOMEONE_ELSE, PROVIDER, SERVICE))),
                arguments("two attendants, one earlier overlap", 2,
                        List.of(appointment(5, "10:00", "10:30", SOMEONE_ELSE, PROVIDER, SERVICE))),
                arguments("two attendants, one earlier and one later overlap", 2,
                        List.of(appointment(5, "10:00", "10:30", SOMEONE_ELSE, PROVIDER, SERVICE),
                                appointment(9, "10:15", "10:45", SOMEONE_ELSE, PROVIDER, SERVICE))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("racesWon")
    void keepsTheSlotWhenNoEarlierAppointmentTakesIt(String description, int attendants,
            List<CalendarAppointment> others) {
        Booking booking = booking("10:00");
        booking.customer(zoe());
        booking.appointment(ours());
        List<CalendarAppointment> day = new ArrayList<>(others);
        day.add(ours());

        steps(attendants).raceCheck(booking, day);

        assertThat(booking.lostRace()).isFalse();
        assertThat(booking.open()).isFalse();
        assertThat(booking.kept()).as("a new booking: confirmed by message").isTrue();
        assertThat(result(booking)).isEqualTo(new BookingAnswer(true, 7, false, "2026-11-30", "10:00", null,
                "You're booked in for Monday 30 November at 10:00, Zoe. Your reference is 7."));
    }

    static Stream<Arguments> racesLost() {
        return Stream.of(
                arguments("an earlier overlap of another customer", 1,
                        List.of(appointment(5, "10:00", "10:30", SOMEONE_ELSE, PROVIDER, SERVICE))),
                arguments("an earlier one overlapping only our start", 1,
                        List.of(appointment(5, "09:45", "10:15", SOMEONE_ELSE, PROVIDER, SERVICE))),
                arguments("an earlier one overlapping only our end", 1,
                        List.of(appointment(5, "10:29", "11:00", SOMEONE_ELSE, PROVIDER, SERVICE))),
                arguments("two attendants, two earlier overlaps", 2,
                        List.of(appointment(3, "10:00", "10:30", SOMEONE_ELSE, PROVIDER, SERVICE),
                                appointment(5, "10:00", "10:30", 44, PROVIDER, SERVICE))),
                arguments("two attendants, an earlier overlap of another service", 2,
                        List.of(appointment(5, "10:00", "10:30", SOMEONE_ELSE, PROVIDER, OTHER_SERVICE))),
                arguments("the same customer's earlier one at another start", 1,
                        List.of(appointment(5, "09:45", "10:15", CUSTOMER, PROVIDER, SERVICE))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("racesLost")
    void withdrawsWhenAnEarlierAppointmentTakesTheSlot(String description, int attendants,
            List<CalendarAppointment> others) {
        Booking booking = booking("10:00");
        booking.customer(zoe());
        booking.appointment(ours());
        List<CalendarAppointment> day = new ArrayList<>(others);
        day.add(ours());

        steps(attendants).raceCheck(booking, day);

        assertThat(booking.lostRace()).isTrue();
        assertThat(booking.open()).as("alternatives are still to be found").isTrue();
        assertThat(booking.kept()).isFalse();
    }

    @Test
    void anEarlierAppointmentOfTheSamePersonAtTheSameTimeIsTheirBooking() {
        Booking booking = booking("10:00");
        booking.customer(zoe());
        booking.appointment(ours());

        steps.raceCheck(booking, List.of(
                appointment(6, "10:00", "10:30", SOMEONE_ELSE, OTHER_PROVIDER, SERVICE),
                appointment(5, "10:00", "10:30", CUSTOMER, PROVIDER, SERVICE),
                ours()));

        assertThat(booking.lostRace()).isTrue();
        assertThat(booking.kept()).as("their earlier booking was confirmed already").isFalse();
        assertThat(result(booking)).isEqualTo(new BookingAnswer(true, 5, false, "2026-11-30", "10:00", true,
                "You're already booked in for Monday 30 November at 10:00. Your reference is 5."));
    }

    @Test
    void withoutTimesOnOurAppointmentTheRequestedSlotIsChecked() {
        Booking booking = booking("10:00");
        booking.customer(zoe());
        booking.appointment(new CalendarAppointment(7, null, null, "Booked", CUSTOMER, PROVIDER, SERVICE, null));

        steps.raceCheck(booking, List.of(appointment(5, "10:15", "10:45", SOMEONE_ELSE, PROVIDER, SERVICE)));

        assertThat(booking.lostRace()).isTrue();
    }

    // (b) customersPage

    @Test
    void findsTheCustomerByExactEmailIgnoringCase() {
        Booking booking = booking("10:00");
        CalendarCustomer match = new CalendarCustomer(12, "Zoe", "Smith", " ZOE@Example.com ", null);

        steps.customersPage(booking, List.of(
                new CalendarCustomer(11, "Xavier", "Zoe", "xzoe@example.com", null),
                match,
                new CalendarCustomer(13, "Zoe", "Later", "zoe@example.com", null)));

        assertThat(booking.customerKnown()).isTrue();
        assertThat(booking.customer()).isEqualTo(match);
        assertThat(booking.searchingCustomer()).isFalse();
    }

    @Test
    void aSubstringMatchIsNotTheCustomer() {
        Booking booking = booking("10:00");

        steps.customersPage(booking, List.of(
                new CalendarCustomer(11, "Xavier", "Zoe", "xzoe@example.com", null),
                new CalendarCustomer(12, "Zoe", "Smith", "zoe@example.com.au", null),
                new CalendarCustomer(13, "Zoe", "Smith", null, null)));

        assertThat(booking.customerKnown()).isFalse();
        assertThat(booking.searchingCustomer()).as("a short page is the last one").isFalse();
    }

    @Test
    void aFullPageWithoutMatchAsksForTheNextPage() {
        Booking booking = booking("10:00");
        assertThat(booking.customerQuery().page()).isEqualTo(1);

        steps.customersPage(booking, strangers(Booking.CUSTOMER_PAGE_SIZE));

        assertThat(booking.customerKnown()).isFalse();
        assertThat(booking.searchingCustomer()).isTrue();
        assertThat(booking.customerQuery()).isEqualTo(new CustomerQuery("zoe@example.com", 2, 100));
    }

    @Test
    void aShortPageWithoutMatchEndsTheSearch() {
        Booking booking = booking("10:00");
        steps.customersPage(booking, strangers(100));

        steps.customersPage(booking, strangers(99));

        assertThat(booking.searchingCustomer()).isFalse();
        assertThat(booking.customerKnown()).isFalse();
        assertThat(booking.customerQuery().page()).isEqualTo(2);
    }

    @Test
    void anEmptyFirstPageEndsTheSearch() {
        Booking booking = booking("10:00");

        steps.customersPage(booking, List.of());

        assertThat(booking.searchingCustomer()).isFalse();
        assertThat(booking.customerKnown()).isFalse();
    }

    @Test
    void readsAtMostTwentyPages() {
        Booking booking = booking("10:00");
        int pagesRead = 0;
        while (booking.searchingCustomer() && pagesRead < 100) {
            steps.customersPage(booking, strangers(Booking.CUSTOMER_PAGE_SIZE));
            pagesRead++;
        }

        assertThat(pagesRead).isEqualTo(20);
        assertThat(booking.customerKnown()).isFalse();
    }

    @Test
    void aMatchOnTheTwentiethPageIsStillFound() {
        Booking booking = booking("10:00");
        for (int page = 1; page < 20; page++) {
            steps.customersPage(booking, strangers(Booking.CUSTOMER_PAGE_SIZE));
        }
        assertThat(booking.customerQuery().page()).isEqualTo(20);
        List<CalendarCustomer> last = new ArrayList<>(strangers(Booking.CUSTOMER_PAGE_SIZE - 1));
        last.add(zoe());

        steps.customersPage(booking, last);

        assertThat(booking.customer()).isEqualTo(zoe());
    }

    @Test
    void aNewSearchStartsAgainFromPageOne() {
        Booking booking = booking("10:00");
        steps.customersPage(booking, strangers(100));
        steps.customersPage(booking, List.of(zoe()));

        steps.startCustomerSearch(booking);

        assertThat(booking.customerKnown()).isFalse();
        assertThat(booking.searchingCustomer()).isTrue();
        assertThat(booking.customerQuery().page()).isEqualTo(1);
    }

    static List<CalendarCustomer> strangers(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new CalendarCustomer(1000 + i, "Someone", "Else", "zoe" + i + "@example.com", null))
                .toList();
    }

    // (c) existingAppointment

    @Test
    void theSamePersonsAppointmentInThisSlotIsTheAnswer() {
        Booking booking = booking("10:00");
        booking.customer(zoe());

        steps.existingAppointment(booking, List.of(
                appointment(21, "10:00", "10:30", CUSTOMER, PROVIDER, SERVICE),
                appointment(20, "10:00", "10:30", CUSTOMER, PROVIDER, SERVICE),
                appointment(19, "14:00", "14:30", CUSTOMER, PROVIDER, SERVICE)));

        assertThat(booking.kept()).isFalse();
        assertThat(result(booking)).isEqualTo(new BookingAnswer(true, 20, false, "2026-11-30", "10:00", true,
                "You're already booked in for Monday 30 November at 10:00. Your reference is 20."));
    }

    static Stream<Arguments> notTheSameBooking() {
        return Stream.of(
                arguments("another time", appointment(20, "11:00", "11:30", CUSTOMER, PROVIDER, SERVICE)),
                arguments("overlapping but another start", appointment(20, "09:45", "10:15", CUSTOMER, PROVIDER, SERVICE)),
                arguments("another provider", appointment(20, "10:00", "10:30", CUSTOMER, OTHER_PROVIDER, SERVICE)),
                arguments("another service", appointment(20, "10:00", "10:30", CUSTOMER, PROVIDER, OTHER_SERVICE)),
                arguments("another day", new CalendarAppointment(20, "2026-12-01 10:00:00", "2026-12-01 10:30:00",
                        "Booked", CUSTOMER, PROVIDER, SERVICE, null)),
                arguments("their own, but cancelled", new CalendarAppointment(20, DAY + " 10:00:00", DAY + " 10:30:00",
                        "Cancelled", CUSTOMER, PROVIDER, SERVICE, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notTheSameBooking")
    void anyOtherAppointmentLeavesTheBookingOpen(String description, CalendarAppointment theirs) {
        Booking booking = booking("10:00");
        booking.customer(zoe());

        steps.existingAppointment(booking, List.of(theirs));

        assertThat(booking.open()).isTrue();
    }

    // (d) slotOffered

    @Test
    void anOfferedTimeStaysOpenToBook() {
        Booking booking = booking("10:00");

        steps.slotOffered(booking, List.of("09:30", "10:00", "10:30"));

        assertThat(booking.open()).isTrue();
        assertThat(booking.readyToBook()).isTrue();
        assertThat(booking.needsOtherDays()).isFalse();
    }

    @Test
    void aTimeNotOfferedIsAnsweredWithTheThreeNearestInOrder() {
        Booking booking = booking("10:00");

        steps.slotOffered(booking, List.of("11:00", "15:00", "10:30", "08:00", "09:30"));

        assertThat(booking.open()).isFalse();
        assertThat(booking.answer()).isEqualTo(ToolAnswer.failure("That time isn't free. The nearest free times that day"
                + " are 09:30, 10:30 and 11:00. Would one of those suit you?"));
    }

    @Test
    void aSingleFreeTimeIsNamedInTheSingular() {
        Booking booking = booking("10:00");

        steps.slotOffered(booking, List.of("14:00"));

        assertThat(booking.answer()).isEqualTo(ToolAnswer.failure(
                "That time isn't free. The nearest free time that day is 14:00. Would one of those suit you?"));
    }

    @Test
    void theDaysTimesReadAlongsideTheSearchAreCheckedTheSameWay() throws Exception {
        Booking offered = booking("10:00");
        Booking notOffered = booking("10:00");

        steps.slotOfferedThatDay(offered, new DaySlots(List.of("09:30", "10:00"), null));
        steps.slotOfferedThatDay(notOffered, new DaySlots(List.of("14:00"), null));

        assertThat(offered.readyToBook()).isTrue();
        assertThat(notOffered.answer()).isEqualTo(ToolAnswer.failure(
                "That time isn't free. The nearest free time that day is 14:00. Would one of those suit you?"));
    }

    @Test
    void aFailedReadOfTheDaysTimesFailsTheBookingWhenItIsNeeded() {
        Booking booking = booking("10:00");
        CalendarUnavailableException failure = new CalendarUnavailableException();

        assertThatThrownBy(() -> steps.slotOfferedThatDay(booking, new DaySlots(List.of(), failure))).isSameAs(failure);
        assertThat(booking.open()).isTrue();
    }

    @Test
    void aFullDayLooksAtTheFollowingDays() {
        Booking booking = booking("10:00");

        steps.slotOffered(booking, List.of());

        assertThat(booking.open()).isTrue();
        assertThat(booking.readyToBook()).isFalse();
        assertThat(booking.needsOtherDays()).isTrue();
        AvailabilitySearch search = booking.otherDays();
        assertThat(search.requested()).isEqualTo(DAY);
        assertThat(search.nextDate()).as("the requested day is already known to be full").isEqualTo(DAY.plusDays(1));
        assertThat(daysSearchedUntilDone(search)).as("the look-ahead setting").isEqualTo(7);
    }

    @Test
    void aFullDayOnTheHorizonLooksNoFurther() {
        Booking booking = booking(LocalDate.of(2027, 2, 20), "10:00", "tc1");

        steps.slotOffered(booking, List.of());

        assertThat(daysSearchedUntilDone(booking.otherDays())).as("only up to Monday 22 February").isEqualTo(2);
    }

    @Test
    void nothingFreeOnTheFollowingDaysEitherIsSaid() {
        Booking booking = booking("10:00");
        steps.slotOffered(booking, List.of());
        daysSearchedUntilDone(booking.otherDays());

        steps.otherDaysFound(booking);

        assertThat(booking.answer()).isEqualTo(ToolAnswer.failure(
                "I have nothing free on Monday 30 November or in the days after it. Would another date suit you?"));
    }

    @Test
    void theNextFreeDaysAreNamedWithTheirFirstTime() {
        Booking booking = booking("10:00");
        steps.slotOffered(booking, List.of());
        AvailabilitySearch search = booking.otherDays();
        search.record(List.of());
        search.record(List.of("13:00", "15:00"));
        search.record(List.of("09:00"));

        steps.otherDaysFound(booking);

        assertThat(booking.answer()).isEqualTo(ToolAnswer.failure("I have nothing free on Monday 30 November. The next"
                + " free days are Wednesday 2 December from 13:00 and Thursday 3 December from 09:00. Would one of those"
                + " suit you?"));
    }

    @Test
    void afterALostRaceTheNearestTimesAreOffered() {
        Booking booking = booking("10:00");

        steps.alternativesAfterRace(booking, List.of("10:30"));

        assertThat(booking.answer()).isEqualTo(ToolAnswer.failure(
                "That time was just taken. The nearest free time that day is 10:30. Would one of those suit you?"));
    }

    private static int daysSearchedUntilDone(AvailabilitySearch search) {
        int guard = 0;
        while (search.needsAnotherDay() && guard++ < 400) {
            search.record(List.of());
        }
        return search.daysSearchedAfter();
    }

    // (e) nearest

    static Stream<Arguments> nearestTimes() {
        return Stream.of(
                arguments("09:00, 09:30, 10:30, 11:00", "10:00", "09:00, 09:30, 10:30"),
                arguments("11:00, 10:30, 09:30, 09:00", "10:00", "09:00, 09:30, 10:30"),
                arguments("08:00, 09:30, 10:30, 11:00, 12:00", "10:00", "09:30, 10:30, 11:00"),
                arguments("09:45, 10:15, 10:00, 16:00", "10:00", "09:45, 10:00, 10:15"),
                arguments("13:00, 08:00", "10:00", "08:00, 13:00"),
                arguments("17:00", "08:00", "17:00"),
                arguments("08:00, 08:30, 09:00, 09:30", "23:59", "08:30, 09:00, 09:30"),
                arguments("14:00, 15:00, 16:00, 17:00", "00:00", "14:00, 15:00, 16:00"));
    }

    @ParameterizedTest(name = "[{0}] around {1}: {2}")
    @MethodSource("nearestTimes")
    void nearestTimesBreakTiesTowardsTheEarlierAndAreSaidInOrder(String slots, String wanted, String nearest) {
        assertThat(BookingSteps.nearest(List.of(slots.split(", ")), LocalTime.parse(wanted)))
                .containsExactly(nearest.split(", "));
    }

    @Test
    void nearestDoesNotDependOnTheOrderTheCalendarListsSlots() {
        List<String> slots = new ArrayList<>(List.of("07:00", "09:00", "09:30", "10:30", "11:00", "13:00"));
        Collections.reverse(slots);

        assertThat(BookingSteps.nearest(slots, LocalTime.of(10, 0))).containsExactly("09:00", "09:30", "10:30");
    }

    // (f) answer and replay

    @Test
    void theAnswerIsRememberedForTheSameToolCall() {
        Booking first = booking("10:00");
        first.customer(zoe());
        first.appointment(ours());
        steps.raceCheck(first, List.of(ours()));

        ToolAnswer answered = steps.answer(first);

        assertThat(answered).isSameAs(first.answer());
        assertThat(replays.find("tc1")).map(BookingStepsTest::json).as("the same answer, as JSON")
                .contains(json(answered));
        Booking resent = booking("10:00");
        steps.replayFromMemory(resent);
        assertThat(resent.open()).isFalse();
        assertThat(json(resent.answer())).isEqualTo(json(answered));
        assertThat(resent.kept()).as("a replay sends no second confirmation").isFalse();
    }

    @Test
    void aFailureAnswerIsRememberedToo() {
        Booking first = booking("10:00");
        steps.slotOffered(first, List.of("11:00"));
        steps.answer(first);

        Booking resent = booking("10:00");
        steps.replayFromMemory(resent);

        assertThat(resent.answer()).isEqualTo(first.answer());
        assertThat(resent.answer().failed()).isTrue();
    }

    @Test
    void anotherToolCallIsNotAReplay() {
        Booking first = booking("10:00");
        first.customer(zoe());
        first.appointment(ours());
        steps.raceCheck(first, List.of(ours()));
        steps.answer(first);

        Booking other = booking(DAY, "10:00", "tc2");
        steps.replayFromMemory(other);

        assertThat(other.open()).isTrue();
    }

    @Test
    void aToolCallWithoutIdIsNeverReplayed() {
        Booking first = booking(DAY, "10:00", null);
        steps.slotOffered(first, List.of("11:00"));
        steps.answer(first);

        Booking again = booking(DAY, "10:00", null);
        steps.replayFromMemory(again);

        assertThat(again.open()).isTrue();
    }

    // (g) customerUpdate

    static Stream<Arguments> customerRecords() {
        return Stream.of(
                arguments("all blank: all filled", new CalendarCustomer(5, null, "", "zoe@example.com", "  "),
                        new CustomerUpdate(5, "Zoe", "Smith", "+447123456789"), true),
                arguments("only the phone missing", new CalendarCustomer(5, "Zo", "Smyth", "zoe@example.com", null),
                        new CustomerUpdate(5, null, null, "+447123456789"), true),
                arguments("only the first name missing", new CalendarCustomer(5, " ", "Smyth", "zoe@example.com", "+441"),
                        new CustomerUpdate(5, "Zoe", null, null), true),
                arguments("only the last name missing", new CalendarCustomer(5, "Zo", null, "zoe@example.com", "+441"),
                        new CustomerUpdate(5, null, "Smith", null), true),
                arguments("nothing missing: nothing overwritten",
                        new CalendarCustomer(5, "Zo", "Smyth", "zoe@example.com", "+441"),
                        new CustomerUpdate(5, null, null, null), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("customerRecords")
    void fillsOnlyWhatTheCalendarLacks(String description, CalendarCustomer known, CustomerUpdate update,
            boolean needed) {
        Booking booking = booking("10:00");
        booking.customer(known);

        assertThat(steps.customerUpdate(booking)).isEqualTo(update);
        assertThat(steps.customerNeedsUpdate(booking)).isEqualTo(needed);
    }

    private static String json(ToolAnswer answer) {
        try {
            return answer.failed() ? answer.error() : new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(answer.result());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

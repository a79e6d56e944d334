package io.github.vapireceptionist.booking;

import io.github.vapireceptionist.availability.AvailabilitySearch;
import io.github.vapireceptionist.availability.Team;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.calendar.AppointmentQuery;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.calendar.CalendarCustomer;
import io.github.vapireceptionist.calendar.CustomerQuery;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.core.ToolDecision;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One book_appointment call on its way through its stages: what was asked, what the calendar said
 * so far, and its {@link ToolDecision}. The stages after the route's early exit run only while {@link #open()}.
 */
public final class Booking {

    static final int CUSTOMER_PAGE_SIZE = 100;
    static final int DAY_PAGE_SIZE = 500;
    /** A substring search could match thousands; an exact email is on the first pages or nowhere. */
    static final int MAX_CUSTOMER_PAGES = 20;

    private final BookingRequest request;
    private CalendarCustomer customer;
    private int customerPage = 1;
    private boolean customerSearchDone;
    private CalendarAppointment appointment;
    private boolean lostRace;
    private AvailabilitySearch otherDays;
    private final ToolDecision decision = new ToolDecision();
    private boolean kept;
    private Team team;
    private AvailabilitySearch teamDay;
    private List<Integer> candidates = List.of();
    private int candidate;
    private boolean nextPerson;
    private boolean rescheduling;
    private boolean callerCheckDue;
    private final String writeId;
    /** Six base-36 digits, new for each run of the tool call (36^5 to 36^6: never fewer digits). */
    private final String attempt = Long.toString(ThreadLocalRandom.current().nextLong(60_466_176L, 2_176_782_336L), 36);
    private int claims;
    private boolean uncertain;
    private Business business;

    Booking(BookingRequest request) {
        this.request = request;
        this.writeId = request.toolCallId() != null ? request.toolCallId() : "local-" + UUID.randomUUID();
    }

    /** The business this call is for, whose remembered answers and uncertain writes it reads; null: the only business. */
    public Business business() {
        return business;
    }

    /** Stamped as the flow starts, from the exchange (routes: the step after the object is made). */
    public void forBusiness(Business business) {
        this.business = business;
    }

    /**
     * What the notes of the appointment this claim creates carry, so that it is recognised on its day when the
     * answer to its create is lost: {@code [tool call <id> #<attempt>]}, {@code [tool call <id> try 2 #<attempt>]} for
     * the next person of a team after a lost race; a generated id when the call came without one. The attempt is new
     * each time the tool call runs, so a re-sent call that books again is never mistaken for the first run's create,
     * whose answer may have been lost (the reconciler withdraws that one, never the re-send's).
     */
    public String marker() {
        return marker(writeId, claims, attempt);
    }

    static String marker(String id, int claim, String attempt) {
        return "[tool call " + id + (claim > 1 ? " try " + claim : "") + " #" + attempt + "]";
    }

    /** Whether these notes are those of an appointment some run and claim of this tool call made (earlier versions: no #). */
    public static boolean madeBy(String notes, String toolCallId) {
        return notes != null && toolCallId != null
                && (notes.contains("[tool call " + toolCallId + "]") || notes.contains("[tool call " + toolCallId + " "));
    }

    /** A move (reschedule_appointment), not a new booking. */
    public boolean rescheduling() {
        return rescheduling;
    }

    /** Its create's outcome could not be found out: the caller is told so, and the reconciler settles it. */
    public boolean uncertain() {
        return uncertain;
    }

    void uncertainOutcome() {
        uncertain = true;
    }

    /** A booking for a customer already known (a reschedule): it goes straight to the slot check. */
    public static Booking forCustomer(BookingRequest request, CalendarCustomer customer) {
        Booking booking = new Booking(request);
        booking.customer(customer);
        booking.rescheduling = true;
        return booking;
    }

    /** A booking for a customer already known, with a service and people (a reschedule of such a booking); null team: the line's own. */
    public static Booking forCustomer(BookingRequest request, CalendarCustomer customer, Team team) {
        Booking booking = forCustomer(request, customer);
        booking.team(team);
        return booking;
    }

    public BookingRequest request() {
        return request;
    }

    public ToolDecision decision() {
        return decision;
    }

    /** Still to be decided: no answer yet. */
    public boolean open() {
        return decision.open();
    }

    /** Open, and the time asked for is one the calendar offers. */
    public boolean readyToBook() {
        return open() && otherDays == null;
    }

    public boolean customerKnown() {
        return customer != null;
    }

    public boolean searchingCustomer() {
        return !customerSearchDone;
    }

    public CustomerQuery customerQuery() {
        return new CustomerQuery(request.email(), customerPage, CUSTOMER_PAGE_SIZE);
    }

    /** A new search (after a concurrent create of the same email). */
    public void searchCustomerAgain() {
        customerPage = 1;
        customerSearchDone = false;
        customer = null;
    }

    /**
     * Their appointments that day: with the line's own provider; or with anyone (a team), from the day before to
     * the day after, since each person's appointments are kept in their own zone, whose date may differ from ours.
     */
    public AppointmentQuery customerAppointmentsQuery() {
        if (team == null) {
            return new AppointmentQuery(request.date(), customer.id(), DAY_PAGE_SIZE);
        }
        return AppointmentQuery.between(request.date().minusDays(1), request.date().plusDays(1), customer.id(), DAY_PAGE_SIZE)
                .of(AppointmentQuery.ANY_PROVIDER);
    }

    /**
     * A new booking with anyone of a team that won its person's slot: before it is kept, the caller's own
     * appointments are read again, since the same booking sent twice at once may have been given two people.
     */
    public boolean callerCheckDue() {
        return callerCheckDue;
    }

    void checkCallerFirst() {
        callerCheckDue = true;
    }

    /** A booking (not a move) with anyone of a team: the same caller may not hold the slot twice. */
    boolean oneSlotPerCaller() {
        return team != null && team.named() == null && !rescheduling;
    }

    /** The day of the person booked, in their own calendar, for the race check. */
    public AppointmentQuery dayQuery() {
        if (team == null) {
            return new AppointmentQuery(request.date(), null, DAY_PAGE_SIZE);
        }
        return new AppointmentQuery(providerStart().toLocalDate(), null, DAY_PAGE_SIZE).of(providerId());
    }

    /** The service and people the caller named (a team); null: the line's own provider and service, as before. */
    public Team team() {
        return team;
    }

    void team(Team chosen) {
        team = chosen;
    }

    /** A fresh one-day search of the team, for free-times-that-day to fill (null without a team). */
    public AvailabilitySearch teamDay() {
        return teamDay;
    }

    void newTeamDay() {
        teamDay = team == null ? null : new AvailabilitySearch(request.date(), request.date()).withTeam(team);
    }

    /** The person being booked (a team); null: the line's own provider. */
    public Integer providerId() {
        return team == null || candidates.isEmpty() ? null : candidates.get(candidate);
    }

    /** The start in the booked person's own time zone, as Easy!Appointments keeps it. */
    public LocalDateTime providerStart() {
        if (team == null || providerId() == null) {
            return request.start();
        }
        return request.start().atZone(team.businessZone()).withZoneSameInstant(team.zone(team.provider(providerId())))
                .toLocalDateTime();
    }

    /** The people free at that time, in the order they are tried. */
    void candidates(List<Integer> ordered) {
        candidates = List.copyOf(ordered);
        candidate = 0;
    }

    /** Lost the race with one person: the next one free at that time, if any. */
    boolean moveToNextPerson() {
        if (candidate + 1 >= candidates.size()) {
            return false;
        }
        candidate++;
        nextPerson = true;
        return true;
    }

    /** The slot still to be claimed: a first attempt, or the next person after a lost race. */
    public boolean claimNeeded() {
        return open() && otherDays == null && (appointment == null || nextPerson);
    }

    /** Lost the race and nobody else is free then: the times free now are the answer. */
    public boolean offersAlternatives() {
        return open() && !nextPerson;
    }

    void claiming() {
        claims++;
        callerCheckDue = false;
        nextPerson = false;
        lostRace = false;
    }

    public LocalDate date() {
        return request.date();
    }

    public CalendarAppointment appointment() {
        return appointment;
    }

    public boolean lostRace() {
        return lostRace;
    }

    public boolean needsOtherDays() {
        return open() && otherDays != null;
    }

    public AvailabilitySearch otherDays() {
        return otherDays;
    }

    CalendarCustomer customer() {
        return customer;
    }

    void customerPage(CalendarCustomer match, boolean lastPage) {
        if (match != null) {
            customer = match;
            customerSearchDone = true;
        } else if (lastPage || customerPage >= MAX_CUSTOMER_PAGES) {
            customerSearchDone = true;
        } else {
            customerPage++;
        }
    }

    void customer(CalendarCustomer created) {
        customer = created;
    }

    void appointment(CalendarAppointment created) {
        appointment = created;
    }

    /** A new appointment that survived the race check: the only kind that is confirmed by message. */
    public boolean kept() {
        return kept;
    }

    void keep(ToolAnswer booked) {
        kept = true;
        decision.decide(booked);
    }

    void lost() {
        lostRace = true;
    }

    void searchOtherDays(AvailabilitySearch search) {
        otherDays = search;
    }

    public ToolAnswer answer() {
        return decision.answer();
    }
}

package io.github.vapireceptionist.booking;

import io.github.vapireceptionist.availability.AvailabilitySearch;
import io.github.vapireceptionist.calendar.AppointmentQuery;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.calendar.CalendarCustomer;
import io.github.vapireceptionist.calendar.CustomerQuery;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.core.ToolDecision;
import java.time.LocalDate;

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

    Booking(BookingRequest request) {
        this.request = request;
    }

    /** A booking for a customer already known (a reschedule): it goes straight to the slot check. */
    public static Booking forCustomer(BookingRequest request, CalendarCustomer customer) {
        Booking booking = new Booking(request);
        booking.customer(customer);
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

    public AppointmentQuery customerAppointmentsQuery() {
        return new AppointmentQuery(request.date(), customer.id(), DAY_PAGE_SIZE);
    }

    public AppointmentQuery dayQuery() {
        return new AppointmentQuery(request.date(), null, DAY_PAGE_SIZE);
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

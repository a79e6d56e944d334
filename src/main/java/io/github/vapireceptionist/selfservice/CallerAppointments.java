package io.github.vapireceptionist.selfservice;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.calendar.AppointmentQuery;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.calendar.CalendarCustomer;
import io.github.vapireceptionist.calendar.CustomerQuery;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.core.ToolDecision;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One find, cancel or reschedule call on its way through its route: who the caller turned out to be
 * (the calendar's customers whose phone is the caller's number, or whose email they gave), their
 * appointments, the one they mean, and its {@link ToolDecision}. The stages after a route's early exit run
 * only while {@link #open()}.
 */
public final class CallerAppointments {

    static final int CUSTOMER_PAGE_SIZE = 100;
    /** A substring search could match thousands; a caller's own record is on the first pages or nowhere. */
    static final int MAX_CUSTOMER_PAGES = 20;
    static final int APPOINTMENT_PAGE_SIZE = 100;

    /** One ?q= search: a form of the caller's number, or the email they gave. */
    record Search(String text, boolean byEmail) {
    }

    private final CallerRequest request;
    private final List<Search> searches = new ArrayList<>();
    private int search;
    private int page = 1;
    private final Map<Integer, CalendarCustomer> customers = new LinkedHashMap<>();
    private int listed;
    private final List<CalendarAppointment> appointments = new ArrayList<>();
    private CalendarAppointment selected;
    private CalendarAppointment movedTo;
    private boolean movedNow;
    private boolean oldListed;
    private boolean oldReleased;
    private boolean cancelledNow;
    private boolean oldReleaseUncertain;
    private final ToolDecision decision = new ToolDecision();
    private String serviceSaid;
    private String providerSaid;
    private Business business;

    CallerAppointments(CallerRequest request) {
        this.request = request;
    }

    /** The business this call is for, whose remembered answers and uncertain writes it reads; null: the only business. */
    public Business business() {
        return business;
    }

    /** Stamped as the flow starts, from the exchange (routes: the step after the object is made). */
    public void forBusiness(Business business) {
        this.business = business;
    }

    /** A reschedule asking for another service or person: the names as the caller said them (null: keep the appointment's). */
    CallerAppointments asking(String service, String provider) {
        serviceSaid = service;
        providerSaid = provider;
        return this;
    }

    public String serviceSaid() {
        return serviceSaid;
    }

    public String providerSaid() {
        return providerSaid;
    }

    public CallerRequest request() {
        return request;
    }

    public ToolDecision decision() {
        return decision;
    }

    /** Nothing decided yet. */
    public boolean open() {
        return decision.open();
    }

    // --- who is calling -----------------------------------------------------------------------

    public boolean identifying() {
        return search < searches.size();
    }

    public CustomerQuery customerQuery() {
        return new CustomerQuery(searches.get(search).text(), page, CUSTOMER_PAGE_SIZE);
    }

    Search currentSearch() {
        return searches.get(search);
    }

    void searchFor(List<Search> planned) {
        searches.clear();
        searches.addAll(planned);
        search = 0;
        page = 1;
    }

    void customerPage(List<CalendarCustomer> theirs, boolean lastPage) {
        theirs.forEach(customer -> customers.putIfAbsent(customer.id(), customer));
        if (lastPage || page >= MAX_CUSTOMER_PAGES) {
            search++;
            page = 1;
            // one form of the number found them: the other forms would only cost calendar requests, which
            // Easy!Appointments rate-limits per client address (100 per 2 minutes by default)
            while (!customers.isEmpty() && identifying() && !searches.get(search).byEmail()) {
                search++;
            }
        } else {
            page++;
        }
    }

    public boolean identified() {
        return !customers.isEmpty();
    }

    Map<Integer, CalendarCustomer> customers() {
        return customers;
    }

    // --- their appointments -------------------------------------------------------------------

    public boolean listing() {
        return open() && listed < customers.size();
    }

    /** One customer record's appointments with any provider: the line's people are picked out here, not by the calendar. */
    public AppointmentQuery appointmentsQuery(LocalDate from, LocalDate till) {
        int customerId = new ArrayList<>(customers.keySet()).get(listed);
        AppointmentQuery query = request.day() != null
                ? new AppointmentQuery(request.day(), customerId, APPOINTMENT_PAGE_SIZE)
                : AppointmentQuery.between(from, till, customerId, APPOINTMENT_PAGE_SIZE);
        return query.of(AppointmentQuery.ANY_PROVIDER);
    }

    void appointmentsPage(List<CalendarAppointment> page) {
        appointments.addAll(page);
        listed++;
    }

    List<CalendarAppointment> appointments() {
        return appointments;
    }

    /** The appointments once picked out and said in the business's time (CallerAppointmentSteps.onTheLine). */
    void appointments(List<CalendarAppointment> onTheLine) {
        appointments.clear();
        appointments.addAll(onTheLine);
    }

    // --- the one they mean --------------------------------------------------------------------

    void select(CalendarAppointment appointment) {
        selected = appointment;
    }

    public CalendarAppointment selected() {
        return selected;
    }

    CalendarCustomer selectedCustomer() {
        return selected == null || selected.customerId() == null ? null : customers.get(selected.customerId());
    }

    // --- cancel -------------------------------------------------------------------------------

    public boolean cancelledNow() {
        return cancelledNow;
    }

    void cancelled() {
        cancelledNow = true;
    }

    // --- reschedule ---------------------------------------------------------------------------

    /** The new appointment: booked by this call, or found from an earlier try of the same tool call. */
    void movedTo(CalendarAppointment appointment, boolean now, boolean oldStillListed) {
        movedTo = appointment;
        movedNow = now;
        oldListed = oldStillListed;
    }

    CalendarAppointment movedTo() {
        return movedTo;
    }

    public boolean movedNow() {
        return movedNow;
    }

    /** Open, and not moved by an earlier try of this tool call: book the new time. */
    public boolean moving() {
        return open() && movedTo == null;
    }

    /** Moved, and the old appointment still holds its slot: release it. */
    public boolean releaseOld() {
        return movedTo != null && oldListed && !oldReleased && open();
    }

    void oldReleased() {
        oldReleased = true;
        oldListed = false;
    }

    boolean oldStillListed() {
        return oldListed;
    }

    /** The old one's release was sent but its outcome is not known: the reconciler finishes it, and the answer says so. */
    void releaseUncertain() {
        oldReleaseUncertain = true;
        oldListed = false;
    }

    boolean oldReleaseUncertain() {
        return oldReleaseUncertain;
    }

    ToolAnswer answer() {
        return decision.answer();
    }
}

package io.github.vapireceptionist.admin;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.calendar.AppointmentRecord;
import io.github.vapireceptionist.calendar.CalendarCustomer;
import io.github.vapireceptionist.calendar.CustomerAppointmentsQuery;
import io.github.vapireceptionist.calendar.CustomerQuery;
import io.github.vapireceptionist.calendar.CustomerRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The person an export or erasure is about, on their way through the admin routes: their email,
 * the customer records with exactly that email, those customers' appointments, and what was erased.
 */
public final class DataSubject {

    static final int PAGE_SIZE = 100;
    /** An exact email is among the first matches of a substring search; more pages mean a bad search. */
    static final int MAX_CUSTOMER_PAGES = 50;
    static final int MAX_APPOINTMENT_PAGES = 100;

    private final String email;
    private final List<CalendarCustomer> customers = new ArrayList<>();
    private int customerPage = 1;
    private boolean customerSearchDone;
    private final List<AppointmentRecord> appointments = new ArrayList<>();
    private int listedCustomer;
    private int appointmentPage = 1;
    private final List<CustomerRecord> records = new ArrayList<>();
    private int customersErased;
    private int appointmentsErased;
    private int rememberedAnswersErased;
    private Business business;

    DataSubject(String email) {
        this.email = email;
    }

    public String email() {
        return email;
    }

    /** The business whose remembered answers of this person are erased; null: the only business. */
    public Business business() {
        return business;
    }

    void forBusiness(Business business) {
        this.business = business;
    }

    public boolean searchingCustomers() {
        return !customerSearchDone;
    }

    public CustomerQuery customerQuery() {
        return new CustomerQuery(email, customerPage, PAGE_SIZE);
    }

    public List<CalendarCustomer> customers() {
        return customers;
    }

    public boolean listingAppointments() {
        return listedCustomer < customers.size();
    }

    public CustomerAppointmentsQuery appointmentsQuery() {
        return new CustomerAppointmentsQuery(customers.get(listedCustomer).id(), appointmentPage, PAGE_SIZE);
    }

    public List<AppointmentRecord> appointments() {
        return appointments;
    }

    public List<CustomerRecord> records() {
        return records;
    }

    public int customersErased() {
        return customersErased;
    }

    public int appointmentsErased() {
        return appointmentsErased;
    }

    public int rememberedAnswersErased() {
        return rememberedAnswersErased;
    }

    /** The calendar's q is a substring search over many fields: only an exact email (any case) is theirs. */
    void customersPage(List<CalendarCustomer> page) {
        page.stream().filter(customer -> customer.hasEmail(email))
                .filter(customer -> customers.stream().noneMatch(known -> known.id() == customer.id()))
                .forEach(customers::add);
        if (page.size() < PAGE_SIZE) {
            customerSearchDone = true;
        } else if (customerPage >= MAX_CUSTOMER_PAGES) {
            throw new IllegalStateException("customer search for one email went past " + MAX_CUSTOMER_PAGES + " pages");
        } else {
            customerPage++;
        }
    }

    void startAppointmentListing() {
        appointments.clear();
        listedCustomer = 0;
        appointmentPage = 1;
    }

    /** Only the customer's own appointments are kept, whatever a calendar's filter let through. */
    void appointmentsPage(List<AppointmentRecord> page) {
        int customerId = customers.get(listedCustomer).id();
        page.stream().filter(appointment -> appointment.customerId() != null && appointment.customerId() == customerId)
                .forEach(appointments::add);
        if (page.size() < PAGE_SIZE) {
            listedCustomer++;
            appointmentPage = 1;
        } else if (appointmentPage >= MAX_APPOINTMENT_PAGES) {
            throw new IllegalStateException("appointment list of one customer went past " + MAX_APPOINTMENT_PAGES + " pages");
        } else {
            appointmentPage++;
        }
    }

    void record(CustomerRecord record) {
        records.add(record);
    }

    /** Counted when this erasure deleted the customer: they and the appointments listed with them. */
    void customerErased(int customerId, boolean deletedNow) {
        if (deletedNow) {
            customersErased++;
            appointmentsErased += (int) appointments.stream()
                    .filter(appointment -> appointment.customerId() == customerId).count();
        }
    }

    void rememberedAnswersErased(int count) {
        rememberedAnswersErased += count;
    }
}

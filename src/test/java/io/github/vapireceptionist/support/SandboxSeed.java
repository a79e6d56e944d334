package io.github.vapireceptionist.support;

import io.github.vapireceptionist.sandbox.SandboxCalendar;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** What a test puts into the built-in sandbox calendar before the calls it checks: a Lovelace, a 30-minute booking. */
public final class SandboxSeed {

    private SandboxSeed() {
    }

    /** A customer named {@code firstName} Lovelace; the sandbox's id. */
    public static int customer(SandboxCalendar sandbox, String firstName, String email, String phone) {
        return sandbox.createCustomer(Map.of("firstName", firstName, "lastName", "Lovelace", "email", email, "phone", phone)).id();
    }

    /** Every appointment of the customer with this email (none when there is no such customer). */
    public static List<SandboxCalendar.Appointment> appointmentsOf(SandboxCalendar sandbox, String email) {
        Integer customer = sandbox.customers(Map.of()).stream().filter(c -> email.equals(c.email()))
                .map(SandboxCalendar.Customer::id).findFirst().orElse(null);
        return customer == null ? List.of()
                : sandbox.appointments(Map.of()).stream().filter(a -> customer.equals(a.customerId())).toList();
    }

    /** A Booked appointment of theirs at {@code time} ("HH:MM") on {@code day}, 30 minutes with provider 2 for service 1; its id. */
    public static int appointment(SandboxCalendar sandbox, LocalDate day, int customerId, String time) {
        String start = day + " " + time + ":00";
        String end = day.atTime(LocalTime.parse(time)).plusMinutes(30).toString().replace('T', ' ') + ":00";
        return sandbox.createAppointment(Map.of("start", start, "end", end, "customerId", customerId, "providerId", 2,
                "serviceId", 1, "status", "Booked")).id();
    }
}

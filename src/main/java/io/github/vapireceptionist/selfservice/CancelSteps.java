package io.github.vapireceptionist.selfservice;

import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.booking.BookingRequests;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.calendar.CalendarCustomer;
import io.github.vapireceptionist.catalog.Catalog;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.notify.Confirmation;
import io.github.vapireceptionist.notify.Confirmations;
import io.github.vapireceptionist.reconcile.UncertainWrite;
import io.github.vapireceptionist.reconcile.WriteCheck;
import io.github.vapireceptionist.reconcile.WritePoint;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of the cancel-appointment route. Without confirm it only says what would be cancelled;
 * with it, the appointment is deleted (a Cancelled status would keep blocking the slot in
 * Easy!Appointments). A cancelled appointment no longer exists in the calendar, so the answer is kept
 * for a while (BookingReplays, in the shared store: every instance knows it): asked again, by the same
 * caller, the same answer, and nothing changes.
 */
public class CancelSteps {

    private static final Logger log = LoggerFactory.getLogger(CancelSteps.class);

    private final CallerAppointmentSteps callers;
    private final Confirmations confirmations;
    private final BookingRequests bookings;
    private final String template;
    private final BookingReplays replays;

    public CancelSteps(CallerAppointmentSteps callers, Confirmations confirmations, BookingRequests bookings,
            SelfServiceProperties settings, BookingReplays replays) {
        this.callers = callers;
        this.confirmations = confirmations;
        this.bookings = bookings;
        this.template = settings.cancelTemplate();
        this.replays = replays;
    }

    /**
     * Cancelled a moment ago for this caller: the same answer again. Otherwise one of their own upcoming ones.
     * Nothing to select once the look-up answered.
     */
    public void select(@ExchangeProperty("caller") CallerAppointments caller) {
        if (!caller.open()) {
            return;
        }
        Optional<BookingReplays.Cancellation> done = replays.of(caller.business()).cancellation(caller.request().reference());
        if (done.isPresent() && caller.customers().containsKey(done.get().customerId())) {
            caller.decision().decide(done.get().answer());
            return;
        }
        callers.select(caller);
    }

    /** Selected, but no confirm yet: what would be cancelled, and the question. */
    public void propose(@ExchangeProperty("caller") CallerAppointments caller) {
        if (!caller.open() || caller.request().confirm()) {
            return;
        }
        Catalog line = callers.lineOf(caller);
        CalendarAppointment appointment = caller.selected();
        caller.decision().decideForNow(ToolAnswer.success(new AppointmentChange(true, false, callers.spoken(appointment, line),
                null, null, "Your " + callers.yours(appointment, line) + ". Shall I cancel it?")));
    }

    public int appointmentId(@ExchangeProperty("caller") CallerAppointments caller) {
        return caller.selected().id();
    }

    /** The deletion's answer was lost: the appointment to read back by id, and what a re-sent call hears once it is gone. */
    public UncertainWrite uncertainCancel(@ExchangeProperty("caller") CallerAppointments caller) {
        Catalog line = callers.lineOf(caller);
        CalendarAppointment appointment = caller.selected();
        return UncertainWrite.ofAppointment(WritePoint.CANCEL, appointment.id(), caller.request().toolCallId(),
                new UncertainWrite.SettledAnswer(true, "Your " + callers.yours(appointment, line) + ", is cancelled."));
    }

    /**
     * Deleted (or already gone): cancelled. Remembered before any confirmation, so a repeat says only this. When the
     * deletion's answer was lost and the read after it (reconcile-write) did not see it gone, it is not known: the
     * deletion may still be on its way inside the calendar and land later, so "it stays" could turn out false. Said
     * honestly, and the reconciler finishes it, so the caller's "cancelled" ends up true either way.
     */
    public void cancelled(@ExchangeProperty("caller") CallerAppointments caller,
            @ExchangeProperty(WriteCheck.PROPERTY) WriteCheck check) {
        CalendarAppointment appointment = caller.selected();
        Catalog line = callers.lineOf(caller);
        if (check != null && !check.applied()) {
            caller.decision().decide(ToolAnswer.failure("I couldn't confirm that the cancellation went through: the calendar "
                    + "isn't answering right now. I'll finish cancelling your " + callers.yours(appointment, line)
                    + ", as soon as it answers, so please treat it as cancelled."));
            return;
        }
        ToolAnswer answer = ToolAnswer.success(new AppointmentChange(true, true, callers.spoken(appointment, line),
                null, false, "Your " + callers.yours(appointment, line) + ", is cancelled."));
        CalendarCustomer customer = caller.selectedCustomer();
        replays.of(caller.business()).rememberCancellation(appointment.id(), appointment.customerId(), customer == null ? null : customer.email(), answer);
        caller.cancelled();
        caller.decision().decide(answer);
        log.info("appointment_cancelled appointment_id={} date={} time={} provider_id={} service_id={}", appointment.id(),
                appointment.startTime().toLocalDate(), appointment.startTime().toLocalTime(), appointment.providerId(),
                appointment.serviceId());
    }

    /** The confirmation of the cancellation, for the confirm-change route; none without a number or an email to send it to. */
    public Confirmation confirmation(@ExchangeProperty("caller") CallerAppointments caller) {
        if (!caller.cancelledNow()) {
            return null;
        }
        Catalog line = callers.lineOf(caller);
        CalendarAppointment appointment = caller.selected();
        CalendarCustomer customer = caller.selectedCustomer();
        Confirmation confirmation = confirmations.prepareCancellation(template, callers.label(appointment, line), appointment.id(),
                appointment.startTime(),
                appointment.endTime(), customer.firstName(), customer.lastName(), contactPhone(caller, customer, bookings),
                customer.email());
        return confirmation.phone() != null || confirmation.email() != null ? confirmation : null;
    }

    /** The caller's own number (identity made sure it is the customer's), else the number the calendar has. */
    static String contactPhone(CallerAppointments caller, CalendarCustomer customer, BookingRequests bookings) {
        if (caller.request().callerNumber() != null) {
            return caller.request().callerNumber();
        }
        return customer == null ? null : bookings.e164(customer.phone(), caller.business());
    }
}

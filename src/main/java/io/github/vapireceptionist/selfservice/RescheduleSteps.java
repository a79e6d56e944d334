package io.github.vapireceptionist.selfservice;

import io.github.vapireceptionist.availability.SpokenDates;
import io.github.vapireceptionist.booking.Booking;
import io.github.vapireceptionist.booking.BookingAnswer;
import io.github.vapireceptionist.booking.BookingRequest;
import io.github.vapireceptionist.booking.BookingRequests;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.calendar.CalendarCustomer;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.notify.Confirmation;
import io.github.vapireceptionist.notify.Confirmations;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of the reschedule-appointment route: book the new time the way book_appointment books
 * (the same slot check and race rule, through the claim-slot route), and only once it is kept release
 * the old one. Whatever goes wrong before that, the old appointment is untouched and the answer says so.
 * The new appointment's notes carry the tool call id, so a retry of the same call, even after a
 * restart, finds the move already made instead of making it twice.
 */
public class RescheduleSteps {

    private static final Logger log = LoggerFactory.getLogger(RescheduleSteps.class);

    private final CallerAppointmentSteps callers;
    private final Confirmations confirmations;
    private final BookingRequests bookings;
    private final String template;

    public RescheduleSteps(CallerAppointmentSteps callers, Confirmations confirmations, BookingRequests bookings,
            SelfServiceProperties settings) {
        this.callers = callers;
        this.confirmations = confirmations;
        this.bookings = bookings;
        this.template = settings.rescheduleTemplate();
    }

    /**
     * This tool call already moved it (a retry): that move. Otherwise one of the caller's own upcoming appointments.
     * Nothing to select once the look-up answered.
     */
    public void select(@ExchangeProperty("caller") CallerAppointments caller) {
        if (!caller.open()) {
            return;
        }
        CallerRequest request = caller.request();
        Optional<CalendarAppointment> old = caller.appointments().stream().filter(a -> a.id() == request.reference()).findFirst();
        Optional<CalendarAppointment> earlierMove = request.toolCallId() == null ? Optional.empty() : caller.appointments().stream()
                .filter(a -> a.id() != request.reference() && a.notes() != null
                        && a.notes().contains("[tool call " + request.toolCallId() + "]"))
                .findFirst();
        if (earlierMove.isPresent()) {
            old.ifPresent(caller::select);
            caller.movedTo(earlierMove.get(), false, old.isPresent());
            return;
        }
        callers.select(caller);
    }

    /** The new time as a booking for the same customer, for the booking steps and claim-slot. */
    public Booking booking(@ExchangeProperty("caller") CallerAppointments caller) {
        CallerRequest request = caller.request();
        CalendarCustomer customer = caller.selectedCustomer();
        return Booking.forCustomer(new BookingRequest(request.newDate(), request.newTime(), customer.firstName(),
                customer.lastName(), customer.email(), CancelSteps.contactPhone(caller, customer, bookings),
                request.toolCallId(), request.callId()), customer);
    }

    /** After the booking steps: moved when the new appointment was kept; otherwise the old one stays, said so. */
    public void claimed(@ExchangeProperty("caller") CallerAppointments caller, @ExchangeProperty("booking") Booking booking) {
        if (booking.kept()) {
            caller.movedTo(booking.appointment(), true, true);
            return;
        }
        ToolAnswer why = booking.answer();
        String sentence = why == null ? "" : why.failed() ? why.error()
                : why.result() instanceof BookingAnswer answer ? answer.message() : "";
        caller.decision().decideForNow(ToolAnswer.failure(staysAsItIs(caller) + " " + sentence));
    }

    /** The calendar failed before the new appointment was kept: nothing changed. */
    public void calendarFailed(@ExchangeProperty("caller") CallerAppointments caller) {
        log.warn("reschedule_failed appointment_id={}: the calendar failed before the move was kept; the old one stays",
                caller.selected().id());
        caller.decision().decideForNow(ToolAnswer.failure("I couldn't reach the calendar to move it. " + staysAsItIs(caller)
                + " Please try again in a moment."));
    }

    public int oldAppointmentId(@ExchangeProperty("caller") CallerAppointments caller) {
        return caller.selected().id();
    }

    public void oldReleased(@ExchangeProperty("caller") CallerAppointments caller) {
        caller.oldReleased();
        log.info("appointment_rescheduled appointment_id={} new_appointment_id={}", caller.selected().id(),
                caller.movedTo().id());
    }

    /** The new one is kept but the old one could not be deleted: both stand, and the caller hears so. */
    public void oldNotReleased(@ExchangeProperty("caller") CallerAppointments caller) {
        log.warn("reschedule_old_kept appointment_id={} new_appointment_id={}: the old appointment could not be released",
                caller.selected().id(), caller.movedTo().id());
    }

    /** The confirmation of a move this call made, for the confirm-change route; none for a retry's or no move. */
    public Confirmation confirmation(@ExchangeProperty("caller") CallerAppointments caller) {
        if (!caller.movedNow()) {
            return null;
        }
        CalendarAppointment moved = caller.movedTo();
        CalendarCustomer customer = caller.selectedCustomer();
        return confirmations.prepare(template, moved.id(), moved.startTime(), moved.endTime(), customer.firstName(),
                customer.lastName(), CancelSteps.contactPhone(caller, customer, bookings), customer.email());
    }

    /**
     * Moved (now, or by an earlier try of this call): the new time and reference, and the old one if it is still
     * there. A confirmation accepted in time adds its sentence (confirm-change).
     */
    public void moved(@ExchangeProperty("caller") CallerAppointments caller) {
        CalendarAppointment moved = caller.movedTo();
        if (moved == null || !caller.open()) {
            return;
        }
        String message = "Done: your appointment is now on " + SpokenDates.day(moved.startTime().toLocalDate()) + " at "
                + SpokenDates.time(moved.startTime().toLocalTime()) + ". Your new reference is " + moved.id() + ".";
        if (caller.oldStillListed()) {
            message += " Your old appointment on " + CallerAppointmentSteps.said(caller.selected())
                    + ", is still in the calendar; I can cancel it for you.";
        }
        caller.decision().decide(ToolAnswer.success(new AppointmentChange(true, true, CallerAppointmentSteps.spoken(moved),
                String.valueOf(caller.request().reference()), caller.movedNow() ? false : null, message)));
    }

    private static String staysAsItIs(CallerAppointments caller) {
        return "Your appointment on " + CallerAppointmentSteps.said(caller.selected()) + ", stays as it is.";
    }
}

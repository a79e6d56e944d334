package io.github.vapireceptionist.selfservice;

import io.github.vapireceptionist.availability.SpokenDates;
import io.github.vapireceptionist.availability.Team;
import io.github.vapireceptionist.booking.Booking;
import io.github.vapireceptionist.booking.BookingAnswer;
import io.github.vapireceptionist.booking.BookingRequest;
import io.github.vapireceptionist.booking.BookingRequests;
import io.github.vapireceptionist.calendar.BusinessTime;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.calendar.CalendarCustomer;
import io.github.vapireceptionist.calendar.ProviderRecord;
import io.github.vapireceptionist.calendar.ServiceRecord;
import io.github.vapireceptionist.catalog.Catalog;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.notify.Confirmation;
import io.github.vapireceptionist.notify.Confirmations;
import io.github.vapireceptionist.reconcile.UncertainWrite;
import io.github.vapireceptionist.reconcile.UncertainWrites;
import io.github.vapireceptionist.reconcile.WriteCheck;
import io.github.vapireceptionist.reconcile.WritePoint;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of the reschedule-appointment route: book the new time the way book_appointment books
 * (the same slot check and race rule, through the claim-slot route), and only once it is kept release
 * the old one. Whatever goes wrong before that, the old appointment is untouched and the answer says so.
 * The new appointment's notes carry the tool call id, so a retry of the same call, even after a
 * restart, finds the move already made instead of making it twice. The new time keeps the appointment's service
 * and person (its duration, that person's time zone and race rule) unless the caller asks for another.
 */
public class RescheduleSteps {

    private static final Logger log = LoggerFactory.getLogger(RescheduleSteps.class);

    private final CallerAppointmentSteps callers;
    private final Confirmations confirmations;
    private final BookingRequests bookings;
    private final String template;
    private final ZoneId businessZone;
    private final UncertainWrites uncertainWrites;

    public RescheduleSteps(CallerAppointmentSteps callers, Confirmations confirmations, BookingRequests bookings,
            SelfServiceProperties settings, ZoneId businessZone, UncertainWrites uncertainWrites) {
        this.uncertainWrites = uncertainWrites;
        this.callers = callers;
        this.confirmations = confirmations;
        this.bookings = bookings;
        this.template = settings.rescheduleTemplate();
        this.businessZone = businessZone;
    }

    /**
     * This tool call already moved it (a retry): that move, unless the reconciler is withdrawing it (an earlier run's
     * create whose answer was lost; one it has not got to yet is adopted). Otherwise one of the caller's own upcoming
     * appointments. Nothing to select once the look-up answered.
     */
    public void select(@ExchangeProperty("caller") CallerAppointments caller) {
        if (!caller.open()) {
            return;
        }
        CallerRequest request = caller.request();
        Optional<CalendarAppointment> old = caller.appointments().stream().filter(a -> a.id() == request.reference()).findFirst();
        Optional<CalendarAppointment> earlierMove = request.toolCallId() == null ? Optional.empty() : caller.appointments().stream()
                .filter(a -> a.id() != request.reference() && Booking.madeBy(a.notes(), request.toolCallId()))
                .sorted(Comparator.comparingInt(CalendarAppointment::id))
                .filter(a -> uncertainWrites.theirs(caller.business(), a))
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
        Booking booking = Booking.forCustomer(new BookingRequest(request.newDate(), request.newTime(), customer.firstName(),
                customer.lastName(), customer.email(), CancelSteps.contactPhone(caller, customer, bookings),
                request.toolCallId(), request.callId()), customer, team(caller));
        booking.forBusiness(caller.business());    // the caller's business: its uncertain writes, its replays
        return booking;
    }

    /**
     * Who the new time is booked with: the appointment's own service and person, unless the caller named another
     * service (matched as book_appointment matches it) or person ("anyone": everyone offering the service, chosen as
     * booking chooses). Another service the same person does not offer, with nobody named: anyone who offers it.
     * The line's own provider and default service with nothing named: null, booked exactly as before.
     */
    Team team(CallerAppointments caller) {
        CalendarAppointment old = caller.selected();
        if (callers.own(old, caller) && caller.serviceSaid() == null && caller.providerSaid() == null) {
            return null;
        }
        Catalog line = callers.lineOf(caller);
        ServiceRecord service = caller.serviceSaid() != null ? line.chooseService(caller.serviceSaid())
                : Optional.ofNullable(old.serviceId()).flatMap(line::service).orElseThrow(() -> new SpeakableException(
                        "I can't move that appointment by phone just now. " + staysAsItIs(caller)
                                + " Shall I put you through to the team?"));
        ProviderRecord named = caller.providerSaid() != null ? line.chooseProvider(caller.providerSaid(), service)
                : Optional.ofNullable(old.providerId()).flatMap(line::provider)
                        .filter(p -> p.services().contains(service.id())).orElse(null);
        List<ProviderRecord> asked = named != null ? List.of(named) : line.offering(service);
        if (asked.isEmpty()) {
            throw new SpeakableException("Nobody here offers that at the moment, I'm afraid. " + staysAsItIs(caller),
                    SpeakableException.Kind.DECLINED);
        }
        return new Team(service, named, asked, BusinessTime.zone(businessZone, caller.business()));
    }

    /** After the booking steps: moved when the new appointment was kept; otherwise the old one stays, said so. */
    public void claimed(@ExchangeProperty("caller") CallerAppointments caller, @ExchangeProperty("booking") Booking booking) {
        if (booking.kept()) {
            caller.movedTo(callers.here(booking.appointment(), callers.lineOf(caller), callers.zoneOf(caller)), true, true);
            return;
        }
        ToolAnswer why = booking.answer();
        String sentence = why == null ? "" : why.failed() ? why.error()
                : why.result() instanceof BookingAnswer answer ? answer.message() : "";
        if (booking.uncertain()) {
            // not known whether the new time was booked: a re-sent call hears the same until the reconciler settles it
            caller.decision().decide(ToolAnswer.failure(staysAsItIs(caller) + " " + sentence));
            return;
        }
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

    /** The old one's deletion's answer was lost: read back by id; once gone, a re-sent call keeps the moved answer. */
    public UncertainWrite uncertainRelease(@ExchangeProperty("caller") CallerAppointments caller) {
        return UncertainWrite.ofAppointment(WritePoint.RESCHEDULE_RELEASE, caller.selected().id(), caller.request().toolCallId(), null);
    }

    /**
     * Released (or already gone). When the deletion's answer was lost and the read after it did not see it gone, it is
     * not known (the deletion may still land inside the calendar): the answer says so and the reconciler finishes the
     * release, so "I'll release it" ends up true either way.
     */
    public void oldReleased(@ExchangeProperty("caller") CallerAppointments caller,
            @ExchangeProperty(WriteCheck.PROPERTY) WriteCheck check) {
        if (check != null && !check.applied()) {
            caller.releaseUncertain();
            return;
        }
        caller.oldReleased();
        log.info("appointment_rescheduled appointment_id={} new_appointment_id={} provider_id={} service_id={}",
                caller.selected().id(), caller.movedTo().id(), caller.movedTo().providerId(), caller.movedTo().serviceId());
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
        Catalog line = callers.lineOf(caller);
        CalendarAppointment moved = caller.movedTo();
        CalendarCustomer customer = caller.selectedCustomer();
        return confirmations.prepareWith(template, callers.label(moved, line), moved.id(), moved.startTime(), moved.endTime(),
                customer.firstName(), customer.lastName(), CancelSteps.contactPhone(caller, customer, bookings), customer.email());
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
        Catalog line = callers.lineOf(caller);
        String label = callers.label(moved, line);
        String message = "Done: your " + (label == null ? "appointment" : label) + " is now on "
                + SpokenDates.day(moved.startTime().toLocalDate()) + " at "
                + SpokenDates.time(moved.startTime().toLocalTime()) + ". Your new reference is " + moved.id() + ".";
        if (caller.oldStillListed()) {
            message += " Your old " + callers.yours(caller.selected(), line) + ", is still in the calendar; I can cancel it for you.";
        } else if (caller.oldReleaseUncertain()) {
            message += " I couldn't confirm that your old " + callers.yours(caller.selected(), line) + ", was released: the calendar "
                    + "isn't answering right now. I'll release it as soon as it answers.";
        }
        caller.decision().decide(ToolAnswer.success(new AppointmentChange(true, true, callers.spoken(moved, line),
                String.valueOf(caller.request().reference()), caller.movedNow() ? false : null, message)));
    }

    private String staysAsItIs(CallerAppointments caller) {
        return "Your " + callers.yours(caller.selected(), callers.lineOf(caller)) + ", stays as it is.";
    }
}

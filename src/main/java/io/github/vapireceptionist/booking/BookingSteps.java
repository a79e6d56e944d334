package io.github.vapireceptionist.booking;

import io.github.vapireceptionist.app.PiiMasking;
import io.github.vapireceptionist.availability.AvailabilityAnswers;
import io.github.vapireceptionist.availability.AvailabilitySearch;
import io.github.vapireceptionist.availability.SpokenDates;
import io.github.vapireceptionist.availability.Team;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.BusinessTags;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.catalog.Catalog;
import io.github.vapireceptionist.calendar.BusinessTime;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.calendar.CalendarCustomer;
import io.github.vapireceptionist.calendar.CalendarUnavailableException;
import io.github.vapireceptionist.calendar.CustomerUpdate;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.calendar.NewAppointment;
import io.github.vapireceptionist.calendar.NewCustomer;
import io.github.vapireceptionist.core.Deadline;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.notify.Confirmation;
import io.github.vapireceptionist.notify.Confirmations;
import io.github.vapireceptionist.reconcile.UncertainWrite;
import io.github.vapireceptionist.reconcile.UncertainWrites;
import io.github.vapireceptionist.reconcile.WriteCheck;
import io.github.vapireceptionist.reconcile.WritePoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of the book-appointment route, one method per step, each on the {@link Booking}.
 * bookings_total{outcome} counts what became of each request that reached the calendar: booked,
 * race_lost (withdrawn: someone else's earlier booking kept the slot), unconfirmed (withdrawn: the day
 * could not be read back), replayed (a re-sent tool call answered from memory) and already_booked
 * (the caller already held the slot).
 */
public class BookingSteps {

    static final int NEAREST_TIMES = 3;
    static final String CANCELLED = "Cancelled";
    /** A create the calendar did not apply (its answer lost or garbled, then not found on the day). */
    public static final String NOTHING_BOOKED = "I couldn't book that just now: the calendar had a problem with it, and I've "
            + "checked that nothing was booked. Please try again in a moment.";
    /** The caller's details could not be saved (or found again after a lost answer): no appointment was asked for. */
    public static final String CUSTOMER_NOT_SAVED = "I couldn't book that just now: the calendar had a problem saving your "
            + "details, so nothing was booked. Please try again in a moment.";
    /** A create whose outcome even the reads after it could not find out (README, "When a write's answer is lost"). */
    public static final String UNCONFIRMED_WRITE = "I couldn't confirm that the booking went through: the calendar isn't "
            + "answering right now. So that you're not left with a booking you don't know about, I'll cancel it if it did go "
            + "through, as soon as the calendar answers. Please try again in a few minutes.";
    private static final Logger log = LoggerFactory.getLogger(BookingSteps.class);

    private final BookingReplays replays;
    private final MeterRegistry meters;
    private final Confirmations confirmations;
    private final ServiceCatalog services;
    private final Clock clock;
    private final int providerId;
    private final int serviceId;
    private final int horizonDays;
    private final int lookAheadDays;
    private final UncertainWrites uncertainWrites;

    public BookingSteps(BookingReplays replays, ServiceCatalog services, Confirmations confirmations, Clock clock,
            EasyAppointmentsProperties calendar, MeterRegistry meters) {
        this(replays, services, confirmations, clock, calendar, meters, null);
    }

    /** {@code uncertainWrites}: a booking found in the caller's slot that an uncertain create made becomes theirs. */
    public BookingSteps(BookingReplays replays, ServiceCatalog services, Confirmations confirmations, Clock clock,
            EasyAppointmentsProperties calendar, MeterRegistry meters, UncertainWrites uncertainWrites) {
        this.uncertainWrites = uncertainWrites;
        this.replays = replays;
        this.meters = meters;
        this.confirmations = confirmations;
        this.services = services;
        this.clock = clock;
        this.providerId = calendar.providerId();
        this.serviceId = calendar.serviceId();
        this.horizonDays = calendar.bookingHorizonDays();
        this.lookAheadDays = calendar.lookAheadDays();
    }

    /** The business the webhook found: this booking's remembered answers and uncertain writes are that business's. */
    public void forBusiness(@ExchangeProperty("booking") Booking booking,
            @ExchangeProperty(Businesses.EXCHANGE_PROPERTY) Business business) {
        booking.forBusiness(business);
    }

    /** The same tool call answered before on this instance: that answer, nothing else runs. */
    public void replayFromMemory(@ExchangeProperty("booking") Booking booking) {
        if (replays.of(booking.business()).replay(booking.request().toolCallId(), booking.decision())) {
            count(booking, "replayed");
        }
    }

    private void count(Booking booking, String outcome) {
        meters.counter("bookings", BusinessTags.ofFlow(booking.business()).and("outcome", outcome)).increment();
    }

    /** The service and people the caller named: this booking is for them. */
    public void withTeam(@ExchangeProperty("booking") Booking booking, @ExchangeProperty("team") Team team) {
        booking.team(team);
    }

    /** Before free-times-that-day: a fresh one-day search of the team (nothing without one). */
    public void prepareTeamDay(@ExchangeProperty("booking") Booking booking) {
        booking.newTeamDay();
    }

    public void startCustomerSearch(@ExchangeProperty("booking") Booking booking) {
        booking.searchCustomerAgain();
    }

    /** Easy!Appointments' q is a substring search over many fields: the exact email match is ours. */
    public void customersPage(@ExchangeProperty("booking") Booking booking, @Body List<CalendarCustomer> page) {
        CalendarCustomer match = page.stream().filter(c -> c.hasEmail(booking.request().email())).findFirst().orElse(null);
        booking.customerPage(match, page.size() < Booking.CUSTOMER_PAGE_SIZE);
    }

    /**
     * The same person already holds this slot (a retry, even after a restart): that appointment is the
     * answer. A cancelled one is not a booking to confirm, whatever it still blocks in the calendar.
     */
    public void existingAppointment(@ExchangeProperty("booking") Booking booking, @Body List<CalendarAppointment> theirs) {
        theirBooking(booking, theirs.stream())
                .ifPresent(existing -> {
                    booking.decision().decide(alreadyBooked(booking, existing));
                    count(booking, "already_booked");
                });
    }

    /** The time must be one the calendar offers right now; if not, the nearest free times. */
    public void slotOffered(@ExchangeProperty("booking") Booking booking, @Body List<String> slots) {
        String wanted = SpokenDates.time(booking.request().time());
        if (slots.contains(wanted)) {
            if (booking.team() != null) {
                booking.candidates(whoToTry(booking.teamDay().requestedFreeWith(), wanted));
            }
            return;
        }
        offerAlternatives(booking, slots, "That time isn't free.");
    }

    /**
     * The day's free times, read alongside the customer search (BookingLookups). Nothing to decide when an
     * existing appointment answered the call, so only otherwise does a failure of that read fail the booking.
     */
    public void slotOfferedThatDay(@ExchangeProperty("booking") Booking booking, @Body DaySlots day) throws Exception {
        if (!booking.open()) {
            return;
        }
        if (day.failure() != null) {
            throw day.failure();
        }
        slotOffered(booking, day.slots());
    }

    public NewCustomer newCustomer(@ExchangeProperty("booking") Booking booking) {
        BookingRequest request = booking.request();
        return new NewCustomer(request.firstName(), request.lastName(), request.email(), request.phone(),
                BusinessTime.zone(clock.getZone(), booking.business()).getId(), "Added by the phone assistant");
    }

    public void customerCreated(@ExchangeProperty("booking") Booking booking, @Body CalendarCustomer created) {
        booking.customer(created);
    }

    /** Fills in only what the calendar's record lacks; never overwrites what the business keeps. */
    public CustomerUpdate customerUpdate(@ExchangeProperty("booking") Booking booking) {
        CalendarCustomer known = booking.customer();
        BookingRequest request = booking.request();
        return new CustomerUpdate(known.id(),
                blank(known.firstName()) ? request.firstName() : null,
                blank(known.lastName()) ? request.lastName() : null,
                blank(known.phone()) ? request.phone() : null);
    }

    public boolean customerNeedsUpdate(@ExchangeProperty("booking") Booking booking) {
        CalendarCustomer known = booking.customer();
        return blank(known.firstName()) || blank(known.lastName()) || blank(known.phone());
    }

    public NewAppointment newAppointment(@ExchangeProperty("booking") Booking booking) {
        if (booking.customer() == null) {
            throw new CalendarUnavailableException();
        }
        BookingRequest request = booking.request();
        booking.claiming();
        LocalDateTime start = booking.providerStart();
        String note = "Booked by phone" + (request.callId() == null ? "" : " (Vapi call " + request.callId() + ")")
                + " " + booking.marker();
        return new NewAppointment(start.format(CalendarAppointment.FORMAT),
                start.plusMinutes(duration(booking)).format(CalendarAppointment.FORMAT),
                booking.customer().id(), providerOf(booking), serviceOf(booking), "Booked", note);
    }

    public void created(@ExchangeProperty("booking") Booking booking, @Body CalendarAppointment appointment) {
        booking.appointment(appointment);
    }

    /** The customer create's answer was lost: what the reads after it must find (reconcile-customer). */
    public UncertainWrite uncertainCustomer(@ExchangeProperty("booking") Booking booking) {
        return UncertainWrite.ofCreate(WritePoint.CUSTOMER_CREATE, null, null, null, booking.request().toolCallId(), null);
    }

    /** Found by email after all: the booking goes on. Otherwise nothing was booked, and the caller hears that. */
    public void customerReconciled(@ExchangeProperty("booking") Booking booking) {
        if (!booking.customerKnown()) {
            throw new SpeakableException(CUSTOMER_NOT_SAVED, SpeakableException.Kind.UNAVAILABLE);
        }
    }

    /** The appointment create's answer was lost: its day and marker, and what a re-sent call hears once it is settled. */
    public UncertainWrite uncertainCreate(@ExchangeProperty("booking") Booking booking) {
        UncertainWrite.SettledAnswer settled = new UncertainWrite.SettledAnswer(false, booking.rescheduling()
                ? "That move didn't go through, so your appointment stays as it was. Would you like me to try again?"
                : "That booking didn't go through, so nothing is booked. Would you like me to try again?");
        return UncertainWrite.ofCreate(booking.rescheduling() ? WritePoint.RESCHEDULE_CREATE : WritePoint.APPOINTMENT_CREATE,
                booking.providerId(), booking.providerStart().toLocalDate(), booking.marker(), booking.request().toolCallId(), settled);
    }

    /**
     * What the reads after a lost create answer found: our appointment (the booking goes on to its race check as if
     * the answer had come), none (nothing booked, said so), or nothing known (said so honestly; the reconciler
     * withdraws it if it was made, so the caller is never left with a booking they were told was not confirmed).
     */
    public void createReconciled(@ExchangeProperty("booking") Booking booking, @ExchangeProperty(WriteCheck.PROPERTY) WriteCheck check) {
        if (check.applied()) {
            booking.appointment(check.made());
            return;
        }
        if (check.notApplied()) {
            count(booking, "not_booked");
            booking.decision().decideForNow(ToolAnswer.failure(NOTHING_BOOKED));
            return;
        }
        count(booking, "uncertain");
        booking.uncertainOutcome();
        booking.decision().decide(ToolAnswer.failure(UNCONFIRMED_WRITE));
    }

    /** Withdrawing ours failed or its answer was lost: what the reads after it must find, by id. */
    public UncertainWrite uncertainWithdrawal(@ExchangeProperty("booking") Booking booking) {
        return UncertainWrite.ofAppointment(WritePoint.WITHDRAWAL, booking.appointment().id(), booking.request().toolCallId(), null);
    }

    /**
     * Easy!Appointments accepts two appointments in one slot, so after creating ours we read the day
     * back: an overlapping appointment created earlier (lower id) beyond what the service allows
     * wins, and ours is withdrawn. Every racer applies the same rule, so exactly one keeps the slot,
     * whichever instance it ran on. When the earlier one is the same person's, it is their booking.
     */
    public void raceCheck(@ExchangeProperty("booking") Booking booking, @Body List<CalendarAppointment> day) {
        CalendarAppointment ours = booking.appointment();
        LocalDateTime start = ours.startTime() != null ? ours.startTime() : booking.providerStart();
        LocalDateTime end = ours.endTime() != null ? ours.endTime() : start.plusMinutes(duration(booking));
        Integer provider = providerOf(booking);
        Integer service = serviceOf(booking);
        List<CalendarAppointment> earlier = day.stream()
                .filter(a -> a.id() < ours.id() && a.overlaps(start, end) && provider.equals(a.providerId()))
                .sorted(Comparator.comparingInt(CalendarAppointment::id))
                .toList();
        long sameService = earlier.stream().filter(a -> service.equals(a.serviceId())).count();
        boolean otherService = earlier.stream().anyMatch(a -> !service.equals(a.serviceId()));
        if (!otherService && sameService < attendants(booking)) {
            if (booking.oneSlotPerCaller()) {
                booking.checkCallerFirst();
                return;
            }
            booking.keep(booked(booking, ours));
            count(booking, "booked");
            return;
        }
        booking.lost();
        count(booking, "race_lost");
        Optional<CalendarAppointment> theirsToo = earlier.stream()
                .filter(a -> a.customerId() != null && a.customerId() == booking.customer().id() && start.equals(a.startTime()))
                .filter(a -> !CANCELLED.equalsIgnoreCase(a.status()))
                .filter(a -> theirs(booking, a))
                .findFirst();
        theirsToo.ifPresent(existing -> booking.decision().decide(alreadyBooked(booking, existing)));
        log.info("booking_race_lost appointment_id={} date={} time={} provider_id={} service_id={} withdrawn", ours.id(),
                booking.date(), booking.request().time(), provider, service);
    }

    /**
     * Won the slot with one person of a team: kept unless the same caller already holds that slot with another
     * person under an earlier appointment (the same booking sent twice at once, each given a different person).
     * Then that earlier one is their booking, as a re-send after it would have found, and ours is withdrawn.
     */
    public void callerCheck(@ExchangeProperty("booking") Booking booking, @Body List<CalendarAppointment> theirs) {
        CalendarAppointment ours = booking.appointment();
        Optional<CalendarAppointment> earlier = theirBooking(booking, theirs.stream().filter(a -> a.id() < ours.id()));
        if (earlier.isEmpty()) {
            booking.keep(booked(booking, ours));
            count(booking, "booked");
            return;
        }
        booking.lost();
        count(booking, "already_booked");
        booking.decision().decide(alreadyBooked(booking, earlier.get()));
        log.info("booking_sent_twice appointment_id={} kept_id={} date={} time={} provider_id={} service_id={} withdrawn", ours.id(),
                earlier.get().id(), booking.date(), booking.request().time(), providerOf(booking), serviceOf(booking));
    }

    /**
     * Lost the race for one person of a team ("anyone"): the next person free at that time is tried, while the
     * caller's budget lasts (the claim-slot route withdraws ours first, whatever happens here).
     */
    public void tryNextPerson(@ExchangeProperty("booking") Booking booking, @ExchangeProperty("claimDeadline") Deadline deadline) {
        if (booking.open() && booking.team() != null && (deadline == null || !deadline.passed())) {
            booking.moveToNextPerson();
        }
    }

    /**
     * The day could not be read back, so nobody knows whether someone else holds the slot too. An
     * unchecked booking is not a booking: it is withdrawn (the route deletes it) and the caller asked
     * to try again, when the check runs afresh.
     */
    public void unconfirmed(@ExchangeProperty("booking") Booking booking) {
        booking.lost();
        count(booking, "unconfirmed");
        booking.decision().decideForNow(ToolAnswer.failure("I couldn't confirm that booking with the calendar just now, so I'm "
                + "withdrawing it: you won't have an appointment at that time. Please try again in a moment."));
        log.warn("booking_unconfirmed appointment_id={} date={} time={}: the day could not be read back; withdrawing it",
                booking.appointment().id(), booking.date(), booking.request().time());
    }

    /** The confirmation of a kept booking, for the confirm-change route; none for any other answer. */
    public Confirmation confirmation(@ExchangeProperty("booking") Booking booking) {
        if (!booking.kept()) {
            return null;
        }
        BookingRequest request = booking.request();
        return confirmations.prepareWith(booked(booking), booking.appointment().id(), request.start(), endHere(booking),
                request.firstName(), request.lastName(), request.phone(), request.email());
    }

    /**
     * The end the caller's confirmation (and its invitation) states, in the business's time like its start: the
     * calendar's end is in the booked person's own zone, which for a team may differ.
     */
    LocalDateTime endHere(Booking booking) {
        if (booking.team() == null) {
            return booking.appointment().endTime();
        }
        return booking.request().start().plusMinutes(duration(booking));
    }

    /** After withdrawing ours: what is free now, near the time asked for. */
    public void alternativesAfterRace(@ExchangeProperty("booking") Booking booking, @Body List<String> slots) {
        offerAlternatives(booking, slots, "That time was just taken.");
    }

    public void otherDaysFound(@ExchangeProperty("booking") Booking booking) {
        List<AvailabilitySearch.FreeDay> days = booking.otherDays().alternatives();
        String day = SpokenDates.day(booking.date());
        booking.decision().decide(ToolAnswer.failure(days.isEmpty()
                ? "I have nothing free on " + day + " or in the days after it. Would another date suit you?"
                : "I have nothing free on " + day + ". " + AvailabilityAnswers.nextFreeDays(days)
                        + ". Would one of those suit you?"));
    }

    /** The answer; remembered under the tool call id (unless it holds only for now) so a re-sent call gets it again. */
    public ToolAnswer answer(@ExchangeProperty("booking") Booking booking) {
        return replays.of(booking.business()).answer(booking.request().toolCallId(), booking.request().email(), booking.decision());
    }

    private void offerAlternatives(Booking booking, List<String> slots, String opening) {
        if (slots.isEmpty()) {
            LocalDate today = LocalDate.now(BusinessTime.clock(clock, booking.business()));
            LocalDate last = booking.date().plusDays(lookAheadDays);
            LocalDate lastBookable = today.plusDays(horizonDays);
            AvailabilitySearch search = new AvailabilitySearch(booking.date(), last.isAfter(lastBookable) ? lastBookable : last)
                    .withTeam(booking.team());
            search.record(List.of());
            booking.searchOtherDays(search);
            return;
        }
        List<String> nearest = nearest(slots, booking.request().time());
        booking.decision().decide(ToolAnswer.failure(opening + " The nearest free " + (nearest.size() == 1 ? "time" : "times")
                + " that day " + (nearest.size() == 1 ? "is " : "are ") + SpokenDates.list(nearest)
                + ". Would one of those suit you?"));
    }

    static List<String> nearest(List<String> slots, LocalTime wanted) {
        int minute = wanted.getHour() * 60 + wanted.getMinute();
        return slots.stream()
                .sorted(Comparator.comparingInt((String s) -> Math.abs(minutes(s) - minute)).thenComparing(s -> s))
                .limit(NEAREST_TIMES)
                .sorted()
                .toList();
    }

    private static int minutes(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
    }

    private ToolAnswer booked(Booking booking, CalendarAppointment appointment) {
        BookingRequest request = booking.request();
        log.atInfo()
                .addKeyValue("event", "appointment_booked")
                .addKeyValue("appointment_id", appointment.id())
                .addKeyValue("date", request.date())
                .addKeyValue("time", request.time())
                .addKeyValue("email", PiiMasking.mask(request.email()))
                .addKeyValue("provider_id", providerOf(booking))
                .addKeyValue("service_id", serviceOf(booking))
                .log("appointment_booked appointment_id={} date={} time={} email={} provider_id={} service_id={}", appointment.id(),
                        request.date(), request.time(), PiiMasking.mask(request.email()), providerOf(booking), serviceOf(booking));
        return ToolAnswer.success(new BookingAnswer(true, appointment.id(), false, request.date().toString(),
                SpokenDates.time(request.time()), null, "You're booked in for " + withWhom(booking) + SpokenDates.day(request.date()) + " at "
                        + SpokenDates.time(request.time()) + ", " + request.firstName() + ". Your reference is "
                        + appointment.id() + "."));
    }

    private ToolAnswer alreadyBooked(Booking booking, CalendarAppointment existing) {
        BookingRequest request = booking.request();
        log.info("booking_replayed appointment_id={} date={} time={}", existing.id(), request.date(), request.time());
        return ToolAnswer.success(new BookingAnswer(true, existing.id(), false, request.date().toString(),
                SpokenDates.time(request.time()), true, "You're already booked in for " + withWhom(booking) + SpokenDates.day(request.date())
                        + " at " + SpokenDates.time(request.time()) + ". Your reference is " + existing.id() + "."));
    }

    /**
     * The caller's booking of this slot among their appointments: the earliest that holds it, is not cancelled and is
     * theirs to be told about (the reconciler is not withdrawing it; made by a create whose answer was lost, adopted).
     */
    private Optional<CalendarAppointment> theirBooking(Booking booking, Stream<CalendarAppointment> theirs) {
        return theirs.filter(a -> holdsTheSlot(booking, a))
                .filter(a -> !CANCELLED.equalsIgnoreCase(a.status()))
                .sorted(Comparator.comparingInt(CalendarAppointment::id))
                .filter(a -> theirs(booking, a))
                .findFirst();
    }

    /** Checked one at a time, earliest first: one made by an uncertain create is adopted when it is told as theirs. */
    private boolean theirs(Booking booking, CalendarAppointment appointment) {
        return uncertainWrites == null || uncertainWrites.theirs(booking.business(), appointment);
    }

    /** Their appointment in this slot: with the line's provider and service, or with anyone of the team, at that time here. */
    private boolean holdsTheSlot(Booking booking, CalendarAppointment appointment) {
        Team team = booking.team();
        if (team == null) {
            return booking.request().start().equals(appointment.startTime())
                    && Integer.valueOf(lineProvider(booking)).equals(appointment.providerId())
                    && Integer.valueOf(lineService(booking)).equals(appointment.serviceId());
        }
        Integer provider = appointment.providerId();
        if (provider == null || appointment.startTime() == null || team.providers().stream().noneMatch(p -> p.id() == provider)
                || !Integer.valueOf(team.service().id()).equals(appointment.serviceId())) {
            return false;
        }
        LocalDateTime here = appointment.startTime().atZone(team.zone(team.provider(provider)))
                .withZoneSameInstant(team.businessZone()).toLocalDateTime();
        return booking.request().start().equals(here);
    }

    /**
     * Who of the people free at that time is booked first, and who next if a race is lost: the one with the
     * most free times that day (the least booked, so work spreads), then the lowest id. Deterministic: every
     * instance picks the same person for the same calendar.
     */
    static List<Integer> whoToTry(Map<String, List<Integer>> freeWith, String time) {
        Map<Integer, Long> freeTimes = freeWith.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        return freeWith.getOrDefault(time, List.of()).stream()
                .sorted(Comparator.comparing((Integer id) -> -freeTimes.get(id)).thenComparing(id -> id))
                .toList();
    }

    private Integer providerOf(Booking booking) {
        return booking.providerId() == null ? lineProvider(booking) : booking.providerId();
    }

    private Integer serviceOf(Booking booking) {
        return booking.team() == null ? lineService(booking) : booking.team().service().id();
    }

    /** The booking's business's default provider (its calendar's ids, not another business's); unit tests: the settings'. */
    private int lineProvider(Booking booking) {
        return booking.business() == null ? providerId : booking.business().calendar().providerId();
    }

    private int lineService(Booking booking) {
        return booking.business() == null ? serviceId : booking.business().calendar().serviceId();
    }

    /**
     * The line's own service is read from the calendar (GET /services/{id}); so is a team's, except before the
     * catalog was first read: its configured stand-in knows no length (0), and a zero-length appointment
     * would block nothing, so the line's service's own length and attendants are used then.
     */
    private int duration(Booking booking) {
        return fromCatalog(booking) ? booking.team().service().duration() : servicesOf(booking).current().duration();
    }

    private int attendants(Booking booking) {
        return fromCatalog(booking) ? Math.max(1, booking.team().service().attendantsNumber()) : servicesOf(booking).current().attendants();
    }

    /** The booked service of the booking's business (stamped by forBusiness; none: the only business's). */
    private ServiceCatalog servicesOf(Booking booking) {
        return services.of(booking.business());
    }

    private static boolean fromCatalog(Booking booking) {
        return booking.team() != null && booking.team().service().duration() > 0;
    }

    /** "Full colour with María López on " for a team booking; nothing for the line's own, as before. */
    private static String withWhom(Booking booking) {
        String booked = booked(booking);
        return booked == null ? "" : booked + " on ";
    }

    /** "Full colour with María López" for a team booking; null for the line's own or a nameless one. */
    private static String booked(Booking booking) {
        Team team = booking.team();
        if (team == null || booking.providerId() == null || team.service().name() == null) {
            return null;    // the line's own, or a catalog not read yet (nameless): said as before
        }
        return team.service().name() + " with " + Catalog.fullName(team.provider(booking.providerId()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

package io.github.vapireceptionist.selfservice;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.github.vapireceptionist.availability.SpokenDates;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.booking.BookingRequests;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.AppointmentQuery;
import io.github.vapireceptionist.calendar.BusinessTime;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.calendar.CalendarCustomer;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.calendar.ProviderRecord;
import io.github.vapireceptionist.calendar.ServiceRecord;
import io.github.vapireceptionist.availability.Team;
import io.github.vapireceptionist.catalog.Catalog;
import io.github.vapireceptionist.catalog.StaffCatalog;
import io.github.vapireceptionist.catalog.StaffCatalogs;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.reconcile.UncertainWrites;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is calling and which appointments are theirs: the steps the find, cancel and reschedule routes
 * share. A customer is the caller's when the calendar's phone for them is the caller's number, or when
 * the email they gave is the customer's (case-insensitive) and the customer's phone, if the calendar
 * has one, is the caller's number. Easy!Appointments has no field filters on customers, only a
 * substring search (?q=), so the number is searched in the forms people store it in and every hit is
 * compared exactly, in E.164, here. Their appointments are listed with every provider (one calendar call per
 * customer record) and those with the line's people kept: one with the line's own provider and default service
 * reads as it always has; any other names its service and person, its times said in the business's zone. "Today" and
 * "already passed" are the caller's business's, and numbers are read with its default phone region.
 */
public class CallerAppointmentSteps {

    static final String UNKNOWN_NUMBER = "I can't find a booking for this number; what email did you book with?";
    static final String UNKNOWN_EMAIL = "I can't find a booking for this number with that email. Could you check the "
            + "email you booked with, or shall I put you through to a member of the team?";
    static final String CANCELLED = "Cancelled";
    static final int MAX_SPOKEN = 5;
    private static final Logger log = LoggerFactory.getLogger(CallerAppointmentSteps.class);

    private final BookingReplays replays;
    private final BookingRequests bookings;
    private final Clock clock;
    private final int providerId;
    private final int serviceId;
    private final ZoneId businessZone;
    private final StaffCatalogs catalogs;
    private final UncertainWrites uncertainWrites;
    private final int horizonDays;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    /** Without the uncertain writes (tests of the look-up rules): every appointment the calendar shows is listed. */
    public CallerAppointmentSteps(BookingReplays replays, BookingRequests bookings, Clock clock,
            EasyAppointmentsProperties calendar, StaffCatalog catalog) {
        this(replays, bookings, clock, calendar, catalog, null);
    }

    public CallerAppointmentSteps(BookingReplays replays, BookingRequests bookings, Clock clock,
            EasyAppointmentsProperties calendar, StaffCatalog catalog, UncertainWrites uncertainWrites) {
        this(replays, bookings, clock, calendar, StaffCatalogs.only(catalog), uncertainWrites);
    }

    /**
     * {@code catalogs}: each caller's business's catalog names their appointments' people and services.
     * {@code uncertainWrites}: appointments being withdrawn, or made by a create the caller heard was unconfirmed, are not listed.
     */
    public CallerAppointmentSteps(BookingReplays replays, BookingRequests bookings, Clock clock,
            EasyAppointmentsProperties calendar, StaffCatalogs catalogs, UncertainWrites uncertainWrites) {
        this.uncertainWrites = uncertainWrites;
        this.replays = replays;
        this.bookings = bookings;
        this.clock = clock;
        this.catalogs = catalogs;
        this.providerId = calendar.providerId();
        this.serviceId = calendar.serviceId();
        this.businessZone = calendar.timezone();
        this.horizonDays = calendar.bookingHorizonDays();
    }

    /** The business the webhook found: this caller's remembered answers, attempts and uncertain writes are that business's. */
    public void forBusiness(@ExchangeProperty("caller") CallerAppointments caller,
            @ExchangeProperty(Businesses.EXCHANGE_PROPERTY) Business business) {
        caller.forBusiness(business);
    }

    /** The same tool call answered moments ago (Vapi re-sends, models repeat): the same answer. */
    public void replayFromMemory(@ExchangeProperty("caller") CallerAppointments caller) {
        replays.of(caller.business()).replay(caller.request().toolCallId(), caller.decision());
    }

    /** The searches to run: the caller's number as stored in the forms people type it, then the email given. */
    public void identify(@ExchangeProperty("caller") CallerAppointments caller) {
        List<CallerAppointments.Search> searches = new ArrayList<>();
        numberForms(caller.request().callerNumber()).forEach(form -> searches.add(new CallerAppointments.Search(form, false)));
        if (caller.request().email() != null) {
            searches.add(new CallerAppointments.Search(caller.request().email(), true));
        }
        caller.searchFor(searches);
    }

    /** Keeps, from one page of a substring search, only the customers who are this caller. */
    public void customersPage(@ExchangeProperty("caller") CallerAppointments caller, @Body List<CalendarCustomer> page) {
        CallerAppointments.Search search = caller.currentSearch();
        String number = caller.request().callerNumber();
        List<CalendarCustomer> theirs = page.stream()
                .filter(customer -> search.byEmail()
                        ? customer.hasEmail(search.text()) && phoneAllows(customer, number, caller.business())
                        : number != null && number.equals(bookings.e164(customer.phone(), caller.business())))
                .toList();
        caller.customerPage(theirs, page.size() < CallerAppointments.CUSTOMER_PAGE_SIZE);
    }

    /** Nobody in the calendar is this caller: the same sentence whether or not the email exists. */
    public void requireIdentified(@ExchangeProperty("caller") CallerAppointments caller) {
        if (caller.identified()) {
            log.info("self_service_identified function={} customers={}", caller.request().function(),
                    caller.customers().size());
            return;
        }
        log.info("self_service_unidentified function={} email_given={}", caller.request().function(),
                caller.request().email() != null);
        caller.decision().decideForNow(ToolAnswer.failure(caller.request().email() == null ? UNKNOWN_NUMBER : UNKNOWN_EMAIL));
    }

    /** The next customer's appointments from today to the end of the booking horizon (or on the day asked about). */
    public AppointmentQuery appointmentsQuery(@ExchangeProperty("caller") CallerAppointments caller) {
        LocalDate today = LocalDate.now(clockOf(caller));
        return caller.appointmentsQuery(today, today.plusDays(horizonDays));
    }

    public void appointmentsPage(@ExchangeProperty("caller") CallerAppointments caller,
            @Body List<CalendarAppointment> page) {
        List<CalendarAppointment> theirs = page.stream()
                .filter(a -> caller.customers().containsKey(a.customerId()))
                .filter(a -> !CANCELLED.equalsIgnoreCase(a.status()) && a.startTime() != null)
                .toList();
        // not one being withdrawn, nor one its caller heard was not confirmed
        caller.appointmentsPage(uncertainWrites == null ? theirs : uncertainWrites.shown(caller.business(), theirs));
    }

    /** The catalog of the caller's business (stamped by forBusiness; none: the only business's). */
    StaffCatalog catalogOf(CallerAppointments caller) {
        return caller.business() != null ? catalogs.of(caller.business()) : catalogs.sole();
    }

    /** "Now" as the caller's business sees it (stamped by forBusiness; none: the deployment's clock). */
    Clock clockOf(CallerAppointments caller) {
        return BusinessTime.clock(clock, caller.business());
    }

    /** The zone the caller's business says times in. */
    ZoneId zoneOf(CallerAppointments caller) {
        return BusinessTime.zone(businessZone, caller.business());
    }

    /** What the caller's business's catalog says now. */
    Catalog lineOf(CallerAppointments caller) {
        return catalogOf(caller).current();
    }

    /**
     * The catalog is needed (and stale): an appointment with another person or service than the line's own is to be
     * named, or a reschedule asks for another. Only the line's own ones: no catalog is read, as before.
     */
    public boolean needsCatalog(@ExchangeProperty("caller") CallerAppointments caller) {
        boolean named = caller.serviceSaid() != null || caller.providerSaid() != null
                || caller.appointments().stream().anyMatch(a -> !own(a, caller));
        return caller.open() && named && catalogOf(caller).needsRefresh();
    }

    /**
     * Of the caller's appointments, those with the line's own provider or one of the line's people (the catalog): the
     * others (another business sharing the calendar, a person not on this line) are not theirs to change here. Each is
     * said in the business's time, as the caller booked it.
     */
    public void onTheLine(@ExchangeProperty("caller") CallerAppointments caller) {
        Catalog line = lineOf(caller);
        ZoneId zone = zoneOf(caller);
        caller.appointments(caller.appointments().stream()
                .filter(a -> Integer.valueOf(lineProvider(caller)).equals(a.providerId()) || line.provider(a.providerId()).isPresent())
                .map(a -> here(a, line, zone))
                .toList());
    }

    /** With the line's own provider and default service: said exactly as before the catalog existed. */
    boolean own(CalendarAppointment appointment) {
        return own(appointment, null);
    }

    boolean own(CalendarAppointment appointment, CallerAppointments caller) {
        return Integer.valueOf(lineProvider(caller)).equals(appointment.providerId())
                && Integer.valueOf(lineService(caller)).equals(appointment.serviceId());
    }

    /** The caller's business's default provider and service (its calendar's ids); without one, the settings'. */
    private int lineProvider(CallerAppointments caller) {
        return caller == null || caller.business() == null ? providerId : caller.business().calendar().providerId();
    }

    private int lineService(CallerAppointments caller) {
        return caller == null || caller.business() == null ? serviceId : caller.business().calendar().serviceId();
    }

    /** The appointment with its times in {@code zone}, the business's (the calendar keeps them in the provider's own). */
    CalendarAppointment here(CalendarAppointment appointment, Catalog line, ZoneId zone) {
        Optional<ProviderRecord> provider = appointment.providerId() == null ? Optional.empty()
                : line.provider(appointment.providerId());
        if (own(appointment) || provider.isEmpty() || appointment.startTime() == null) {
            return appointment;
        }
        ZoneId theirs = Team.zone(provider.get(), zone);
        return new CalendarAppointment(appointment.id(), inZone(appointment.startTime(), theirs, zone),
                inZone(appointment.endTime(), theirs, zone), appointment.status(), appointment.customerId(),
                appointment.providerId(), appointment.serviceId(), appointment.notes());
    }

    private static String inZone(LocalDateTime there, ZoneId theirs, ZoneId zone) {
        return there == null ? null
                : there.atZone(theirs).withZoneSameInstant(zone).toLocalDateTime().format(CalendarAppointment.FORMAT);
    }

    /**
     * "Full assessment with María López" ("appointment with María López" when the service has no name on this line);
     * null for the line's own provider and default service, or when the catalog names neither: said as before.
     */
    String label(CalendarAppointment appointment, Catalog line) {
        if (own(appointment)) {
            return null;
        }
        String what = serviceName(appointment, line);
        String person = personName(appointment, line);
        String with = person == null ? null : "with " + person;
        if (what == null) {
            return with == null ? null : "appointment " + with;
        }
        return String.join(" ", Stream.of(what, with).filter(Objects::nonNull).toList());
    }

    /** "Full assessment with María López on Tuesday 1 December at 10:30, reference 41", or as before for the line's own. */
    String saidWith(CalendarAppointment appointment, Catalog line) {
        String label = label(appointment, line);
        return label == null ? said(appointment) : label + " on " + said(appointment);
    }

    /** After "Your ": "appointment on Tuesday 1 December at 10:30, reference 41", or "Full assessment with María López on ...". */
    String yours(CalendarAppointment appointment, Catalog line) {
        String label = label(appointment, line);
        return (label == null ? "appointment" : label) + " on " + said(appointment);
    }

    /** find_appointment: the caller's upcoming appointments, soonest first, said the way people say dates. */
    public void found(@ExchangeProperty("caller") CallerAppointments caller) {
        caller.decision().decideForNow(ToolAnswer.success(list(caller)));
    }

    AppointmentsAnswer list(CallerAppointments caller) {
        List<CalendarAppointment> upcoming = upcoming(caller);
        Catalog line = lineOf(caller);
        List<SpokenAppointment> spoken = upcoming.stream().map(a -> spoken(a, line)).toList();
        LocalDate day = caller.request().day();
        String kind = day == null ? "upcoming appointment" : "appointment";
        String on = day == null ? "" : " on " + SpokenDates.day(day);
        if (upcoming.isEmpty()) {
            return new AppointmentsAnswer(true, spoken, "I can't see any " + kind + "s" + on + " for you.");
        }
        List<String> said = upcoming.stream().limit(MAX_SPOKEN).map(a -> saidWith(a, line)).toList();
        String more = upcoming.size() > MAX_SPOKEN ? ", and " + (upcoming.size() - MAX_SPOKEN) + " more" : "";
        String count = upcoming.size() == 1 ? "one " + kind : upcoming.size() + " " + kind + "s";
        return new AppointmentsAnswer(true, spoken, "You have " + count + on + ": " + String.join("; ", said) + more + ".");
    }

    /**
     * The appointment the caller means, among their own: anyone else's reference, or one that does not
     * exist, gets the same answer. One earlier today has passed and cannot be changed.
     */
    public void select(@ExchangeProperty("caller") CallerAppointments caller) {
        Integer reference = caller.request().reference();
        Optional<CalendarAppointment> theirs = caller.appointments().stream().filter(a -> a.id() == reference).findFirst();
        if (theirs.isEmpty()) {
            caller.decision().decideForNow(ToolAnswer.failure("I can't find an upcoming booking with reference " + reference
                    + " for you. Shall I look up your bookings?"));
            return;
        }
        if (!theirs.get().startTime().isAfter(LocalDateTime.now(clockOf(caller)))) {
            caller.decision().decide(ToolAnswer.failure("That appointment, " + saidWith(theirs.get(), lineOf(caller))
                    + ", has already passed, so I can't change it."));
            return;
        }
        caller.select(theirs.get());
    }

    /** The answer; remembered under the tool call id (unless it holds only for now) so a re-sent call gets it again. */
    public ToolAnswer answer(@ExchangeProperty("caller") CallerAppointments caller) {
        return replays.of(caller.business()).answer(caller.request().toolCallId(), whose(caller), caller.decision());
    }

    /** The email a remembered answer is filed under, so a GDPR erasure of that person forgets it too. */
    private static String whose(CallerAppointments caller) {
        if (caller.selectedCustomer() != null) {
            return caller.selectedCustomer().email();
        }
        if (caller.customers().size() == 1) {
            return caller.customers().values().iterator().next().email();
        }
        return caller.request().email();
    }

    List<CalendarAppointment> upcoming(CallerAppointments caller) {
        LocalDateTime now = LocalDateTime.now(clockOf(caller));
        return caller.appointments().stream()
                .filter(a -> a.startTime().isAfter(now))
                .sorted(Comparator.comparing(CalendarAppointment::startTime).thenComparingInt(CalendarAppointment::id))
                .toList();
    }

    /** {@link #here(CalendarAppointment, Catalog, ZoneId)}, {@link #label} and {@link #yours} with the only business's catalog. */
    CalendarAppointment here(CalendarAppointment appointment) {
        return here(appointment, catalogs.sole().current(), businessZone);
    }

    String label(CalendarAppointment appointment) {
        return label(appointment, catalogs.sole().current());
    }

    String yours(CalendarAppointment appointment) {
        return yours(appointment, catalogs.sole().current());
    }

    /** "Tuesday 1 December at 10:30, reference 41". */
    static String said(CalendarAppointment appointment) {
        return SpokenDates.day(appointment.startTime().toLocalDate()) + " at "
                + SpokenDates.time(appointment.startTime().toLocalTime()) + ", reference " + appointment.id();
    }

    /** As data: the service and person by name when the catalog has them and they are not the line's own. */
    SpokenAppointment spoken(CalendarAppointment appointment, Catalog line) {
        boolean own = own(appointment);
        return new SpokenAppointment(String.valueOf(appointment.id()), appointment.startTime().toLocalDate().toString(),
                SpokenDates.time(appointment.startTime().toLocalTime()), own ? null : serviceName(appointment, line),
                own ? null : personName(appointment, line));
    }

    /** The appointment's service by name, when the catalog has it. */
    private static String serviceName(CalendarAppointment appointment, Catalog line) {
        return appointment.serviceId() == null ? null
                : line.service(appointment.serviceId()).map(ServiceRecord::name).orElse(null);
    }

    /** The appointment's person by full name, when the catalog has one. */
    private static String personName(CalendarAppointment appointment, Catalog line) {
        return appointment.providerId() == null ? null : line.provider(appointment.providerId())
                .filter(p -> p.firstName() != null || p.lastName() != null).map(Catalog::fullName).orElse(null);
    }

    /** An email identifies only together with the caller's number, unless the calendar has no phone for that customer. */
    private boolean phoneAllows(CalendarCustomer customer, String callerNumber, Business business) {
        if (customer.phone() == null || customer.phone().isBlank()) {
            return true;
        }
        return callerNumber != null && callerNumber.equals(bookings.e164(customer.phone(), business));
    }

    /** +447700900123 is stored as typed: "+447700900123", "07700900123", "07700 900123", "+44 7700 900123". */
    Set<String> numberForms(String e164) {
        Set<String> forms = new LinkedHashSet<>();
        if (e164 == null) {
            return forms;
        }
        try {
            PhoneNumber number = phones.parse(e164, null);
            forms.add(phones.getNationalSignificantNumber(number));
            forms.add(phones.format(number, PhoneNumberFormat.NATIONAL));
            forms.add(phones.format(number, PhoneNumberFormat.INTERNATIONAL));
        } catch (NumberParseException e) {
            forms.add(e164);
        }
        return forms;
    }
}

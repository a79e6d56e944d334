package io.github.vapireceptionist.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.AppointmentQuery;
import io.github.vapireceptionist.calendar.CalendarAppointment;
import io.github.vapireceptionist.core.Deadline;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.store.OpenItems;
import io.github.vapireceptionist.store.PerBusinessStore;
import io.github.vapireceptionist.store.SharedStore;
import io.github.vapireceptionist.business.BusinessTags;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes whose answer did not arrive (routes/reconcile-write.camel.yaml, routes/reconcile-uncertain-writes.camel.yaml).
 *
 * <p>Before the caller is answered, reads find out what happened, within the part of the function's budget it kept
 * for them (RECONCILE_BUDGET_MS, FunctionBudgets): the
 * appointment by id (404: gone), or the provider's day, where this backend's appointment is the one whose notes carry
 * the write's marker. What they find is the {@link WriteCheck}; the flows answer from it.
 *
 * <p>What they cannot settle is recorded as an open item in the shared store (memory, or Redis with REDIS_URL), and the
 * reconciler settles it once the calendar answers: every uncertain write ends with its appointment gone (a booking or
 * move the caller was told was not confirmed is withdrawn; a withdrawal, cancel or release is finished). A re-sent tool
 * call then gets the settled answer. Counted in {@code calendar_uncertain_writes_total{point, outcome}} (applied,
 * not_applied, unknown) and {@code calendar_uncertain_writes_settled_total{point, outcome}} (withdrawn, absent, deleted,
 * adopted); each is logged, never with a caller's details.
 *
 * <p>Each item carries the business whose calendar it was written to (UncertainWrite.businessId), and its key names
 * that business: appointment 42 of one calendar is not appointment 42 of another. The reconciler settles each item at
 * its own business's calendar ({@link #atItsBusiness}); a caller is told only about their own business's items.
 */
public class UncertainWrites {

    /** Remembers the answer a re-sent tool call of a business gets once its write is settled (BookingReplays). */
    @FunctionalInterface
    public interface SettledAnswers {

        void remember(String businessId, String toolCallId, ToolAnswer answer);
    }

    static final String OPEN_ITEMS = "uncertain-writes";
    static final String FUNCTION_DEADLINE = "functionDeadline";
    private static final Pattern MARKER = Pattern.compile("\\[tool call [^\\]]+\\]");
    private static final Logger log = LoggerFactory.getLogger(UncertainWrites.class);

    private final OpenItems open;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final SettledAnswers settledAnswers;
    private final Businesses businesses;
    private final BusinessTags businessTags;
    private final Duration budget;
    private final Duration grace;
    private final Clock clock;
    private final AtomicInteger settling = new AtomicInteger();
    /** When this instance looks again for a create not found yet (key: the item's). */
    private final Map<String, Long> nextLook = new ConcurrentHashMap<>();
    /** Items of a business no longer configured, each logged once while it stays open (key: the item's). */
    private final Set<String> orphans = ConcurrentHashMap.newKeySet();
    /** The businesses whose lane is settling items right now (see {@link #lanes}). */
    private final Set<String> busyLanes = ConcurrentHashMap.newKeySet();
    /** When each business's last lane ended, on {@link #laneTicks}: a list read before then is stale for it. */
    private final Map<String, Long> laneEnded = new ConcurrentHashMap<>();
    private final AtomicLong laneTicks = new AtomicLong();

    /**
     * {@code settledAnswers}: remembers the answer a re-sent tool call gets once its write is settled (BookingReplays);
     * {@code budget}: the reads before answering; {@code grace}: how long a create not found is still watched.
     */
    public UncertainWrites(SharedStore store, int capacity, ObjectMapper json, MeterRegistry meters,
            BiConsumer<String, ToolAnswer> settledAnswers, Duration budget, Duration grace, Clock clock) {
        this(store, capacity, json, meters, (business, toolCallId, answer) -> settledAnswers.accept(toolCallId, answer), budget,
                grace, clock, null);
    }

    /**
     * As above, for {@code businesses} (null: the one business {@value Businesses#DEFAULT_ID}, tests of one business). The
     * open items are one list for every business (the reconciler lists them once), each item carrying its business.
     */
    public UncertainWrites(SharedStore store, int capacity, ObjectMapper json, MeterRegistry meters, SettledAnswers settledAnswers,
            Duration budget, Duration grace, Clock clock, Businesses businesses) {
        this.open = store.openItems(OPEN_ITEMS, capacity);
        this.json = json;
        this.meters = meters;
        this.businesses = businesses;
        this.businessTags = businesses == null ? null : new BusinessTags(businesses);
        this.settledAnswers = settledAnswers;
        this.budget = budget;
        this.grace = grace;
        this.clock = clock;
    }

    // ---- before answering ----

    /**
     * The reads get the reserve the function kept aside of its budget (RECONCILE_BUDGET_MS, FunctionBudgets), and
     * never run past the function's {@link Deadline#AFTER_WRITES}; the function's deadline is kept aside for what
     * follows (see {@link #end}).
     */
    public void begin(Exchange exchange) {
        Deadline function = exchange.getProperty(Deadline.PROPERTY, Deadline.class);
        if (function != null) {
            exchange.setProperty(FUNCTION_DEADLINE, function);
        }
        exchange.setProperty(Deadline.PROPERTY, readsDeadline(exchange.getProperty(Deadline.AFTER_WRITES, Deadline.class)));
        exchange.removeProperty(WriteCheck.PROPERTY);
    }

    /** The reserve from now, cut at the function's last moment when it has one (the reconciler's reads: none). */
    Deadline readsDeadline(Deadline afterWrites) {
        Deadline reserve = Deadline.in(budget);
        return afterWrites == null || reserve.dueNanos() - afterWrites.dueNanos() < 0 ? reserve : afterWrites;
    }

    /** The function's own deadline again: nothing new is started past it because reconciling took time. */
    public void end(Exchange exchange) {
        Deadline function = exchange.getProperty(FUNCTION_DEADLINE, Deadline.class);
        exchange.removeProperty(FUNCTION_DEADLINE);
        if (function == null) {
            exchange.removeProperty(Deadline.PROPERTY);
        } else {
            exchange.setProperty(Deadline.PROPERTY, function);
        }
    }

    public AppointmentQuery dayQuery(@ExchangeProperty(UncertainWrite.PROPERTY) UncertainWrite write) {
        AppointmentQuery day = new AppointmentQuery(write.day(), null, 500);
        return write.providerId() == null ? day : day.of(write.providerId());
    }

    /** A deletion read back by id: gone (null, a 404) is applied. */
    public void readById(@ExchangeProperty(UncertainWrite.PROPERTY) UncertainWrite write, @Body CalendarAppointment appointment,
            Exchange exchange) {
        check(exchange, write, appointment == null ? WriteCheck.Outcome.APPLIED : WriteCheck.Outcome.NOT_APPLIED, null);
    }

    /** A create read back on its day: applied when an appointment there carries its marker. */
    public void readDay(@ExchangeProperty(UncertainWrite.PROPERTY) UncertainWrite write, @Body List<CalendarAppointment> day,
            Exchange exchange) {
        Optional<CalendarAppointment> made = marked(write, day);
        check(exchange, write, made.isPresent() ? WriteCheck.Outcome.APPLIED : WriteCheck.Outcome.NOT_APPLIED, made.orElse(null));
    }

    /** A customer create read back by email (find-customer): applied when found. */
    public void readCustomer(@ExchangeProperty(UncertainWrite.PROPERTY) UncertainWrite write, Exchange exchange, boolean found) {
        check(exchange, write, found ? WriteCheck.Outcome.APPLIED : WriteCheck.Outcome.NOT_APPLIED, null);
    }

    /** The reads failed too: the outcome stays unknown (and the write is recorded for the reconciler). */
    public void unread(@ExchangeProperty(UncertainWrite.PROPERTY) UncertainWrite write, Exchange exchange) {
        check(exchange, write, WriteCheck.Outcome.UNKNOWN, null);
    }

    /** A withdrawal the calendar refused outright (nothing applied): recorded, so the appointment is still withdrawn. */
    public void refused(@ExchangeProperty(UncertainWrite.PROPERTY) UncertainWrite write, Exchange exchange) {
        check(exchange, write, WriteCheck.Outcome.NOT_APPLIED, null);
    }

    private void check(Exchange exchange, UncertainWrite write, WriteCheck.Outcome outcome, CalendarAppointment made) {
        exchange.setProperty(WriteCheck.PROPERTY, new WriteCheck(outcome, made));
        meters.counter("calendar.uncertain.writes", business(write.businessId()).and("point", write.point().tag(), "outcome",
                outcome.tag())).increment();
        boolean later = write.point().settleLater(outcome);
        log.warn("uncertain_write point={} outcome={} appointment_id={} marker={} day={} settled_by={}", write.point().tag(),
                outcome.tag(), made != null ? Integer.valueOf(made.id()) : write.appointmentId(), write.marker(), write.day(),
                later ? "reconciler" : "reads");
        if (later) {
            // a create not found: its caller heard "nothing was booked" for now, and a re-send runs again and may book;
            // the reconciler must not later tell that re-send "nothing is booked"
            UncertainWrite ofBusiness = write.of(PerBusinessStore.idOf(businesses, exchange));
            record(outcome == WriteCheck.Outcome.NOT_APPLIED && !write.byId() ? ofBusiness.withoutSettledAnswer() : ofBusiness);
        }
    }

    private void record(UncertainWrite write) {
        try {
            open.put(write.key(), json.writeValueAsString(write.recorded(clock.millis())));
        } catch (JsonProcessingException | RuntimeException e) {
            log.error("uncertain_write_not_recorded point={} appointment_id={} marker={} day={}: settle it by hand ({})",
                    write.point().tag(), write.appointmentId(), write.marker(), write.day(), e.toString());
        }
    }

    // ---- the reconciler ----

    /** Every uncertain write still open, on any instance sharing the store. */
    public List<UncertainWrite> pending() {
        return open.all().values().stream().map(this::read).flatMap(Optional::stream).toList();
    }

    /**
     * The open ones this run settles: all but a create that was not found last time and is not due to be looked for
     * again yet. Within its grace such a create is looked for at doubling intervals (about 5, 10, 20, 40, 80 s, and
     * once more when the grace is over), not at every run, to spare the calendar's rate limit.
     */
    public List<UncertainWrite> due() {
        long now = clock.millis();
        List<UncertainWrite> open;
        try {
            open = pending();
        } catch (RuntimeException e) {
            log.warn("uncertain_writes_unreadable: the reconciler waits for the shared store ({})", e.toString());
            return List.of();
        }
        Set<String> keys = open.stream().map(UncertainWrite::key).collect(Collectors.toSet());
        nextLook.keySet().retainAll(keys);
        orphans.retainAll(keys);
        return open.stream().filter(write -> nextLook.getOrDefault(write.key(), 0L) <= now).toList();
    }

    /** One business's open items that a run of the reconciler settles one after another, on a lane of its own. */
    public record Lane(String business, List<UncertainWrite> items) {
    }

    /**
     * The open ones this run settles ({@link #due}), one lane per business, each settled apart from the others'
     * (routes/reconcile-uncertain-writes.camel.yaml): a business whose calendar hangs holds up only its own lane. A
     * business whose lane of an earlier run is still settling gets none now (its items wait for the run after it
     * ends, as they would have waited for the whole run before), nor does one whose lane ended after these items were
     * listed: that list may hold what it has just settled. A lane given here is ended by {@link #laneEnded}.
     */
    public List<Lane> lanes() {
        long listedAt = laneTicks.incrementAndGet();
        Map<String, List<UncertainWrite>> byBusiness = new LinkedHashMap<>();
        due().forEach(write -> byBusiness.computeIfAbsent(write.business(), business -> new ArrayList<>()).add(write));
        laneEnded.keySet().retainAll(byBusiness.keySet());
        List<Lane> lanes = new ArrayList<>();
        byBusiness.forEach((business, items) -> {
            if (!busyLanes.add(business)) {
                return;
            }
            if (laneEnded.getOrDefault(business, 0L) > listedAt) {
                busyLanes.remove(business);
                return;
            }
            lanes.add(new Lane(business, List.copyOf(items)));
        });
        return lanes;
    }

    /** The lane has settled what it could: its business gets a lane again at the next run. */
    public void laneEnded(@ExchangeProperty("lane") Lane lane) {
        laneEnded.put(lane.business(), laneTicks.incrementAndGet());
        busyLanes.remove(lane.business());
    }

    /**
     * The reconciler starts on one (counted until {@link #settled} or {@link #stillUncertain}). It stays among the open
     * items while it is settled, so a caller asking for its slot meanwhile still sees it is being withdrawn; it is taken
     * out once its appointment is gone. Every step of a settlement is a deletion, which is safe to repeat: two instances
     * settling the same item at once both delete (the second gets 404) and exactly one takes it out and counts it.
     */
    public void settling() {
        settling.incrementAndGet();
    }

    /**
     * The reconciler settles an item at its own business's calendar: the exchange is stamped with that business
     * ({@value Businesses#EXCHANGE_PROPERTY}), as a webhook exchange is. An item of a business no longer configured is
     * not settled anywhere (never at another's calendar): it stays open, logged once, and is settled if the business
     * comes back. False then.
     */
    public boolean atItsBusiness(@ExchangeProperty(UncertainWrite.PROPERTY) UncertainWrite write, Exchange exchange) {
        if (businesses == null) {
            return true;
        }
        Optional<Business> business = businesses.byId(write.business());
        if (business.isEmpty()) {
            if (orphans.add(write.key())) {
                log.warn("uncertain_write_orphaned business={} point={} appointment_id={} marker={} day={}: no such business "
                        + "is configured; left open until it is", write.business(), write.point().tag(), write.appointmentId(),
                        write.marker(), write.day());
            }
            return false;
        }
        exchange.setProperty(Businesses.EXCHANGE_PROPERTY, business.get());
        return true;
    }

    /** Nothing open, and nothing being settled on this instance right now. */
    public boolean allSettled() {
        return settling.get() == 0 && pending().isEmpty();
    }

    /**
     * Its appointment on its day (its marker), to withdraw, if the create was applied and no caller has adopted it;
     * null when it never was made, or is theirs now. Taking the create's item decides between the reconciler and a
     * caller asking for the slot (adopt): whoever takes it, owns it. The reconciler then records the appointment by id,
     * so a caller asking while it is deleted is told it is not theirs, and a failed delete is made again next run.
     */
    public Integer ours(@ExchangeProperty(UncertainWrite.PROPERTY) UncertainWrite write, @Body List<CalendarAppointment> day) {
        Optional<CalendarAppointment> made = marked(write, day);
        if (made.isEmpty() || !open.take(write.key())) {
            return null;
        }
        record(write.madeAs(made.get().id()));
        return made.get().id();
    }

    /**
     * Its appointment no longer exists: taken out of the open items, and, by the one instance that took it, counted,
     * logged and a re-sent tool call told how it ended. A create not found within its grace is not settled yet: it may
     * still land, so it stays open for the next run.
     */
    public void settled(@ExchangeProperty(UncertainWrite.PROPERTY) UncertainWrite write,
            @ExchangeProperty("withdraw") Integer deleted) {
        try {
            if (!write.byId() && deleted == null && mayStillLand(write)) {
                long now = clock.millis();
                nextLook.put(write.key(), Math.min(now + Math.max(1, now - write.recordedAt()), write.recordedAt() + grace.toMillis()));
                log.debug("uncertain_write_watched point={} marker={} day={}: not in the calendar yet", write.point().tag(),
                        write.marker(), write.day());
                return;
            }
            String key = deleted != null ? write.madeAs(deleted).key() : write.key();
            if (!open.take(key)) {
                return;    // another instance settled it, or a caller adopted it
            }
            String outcome = write.byId() ? "deleted" : deleted != null ? "withdrawn" : "absent";
            meters.counter("calendar.uncertain.writes.settled", business(write.businessId()).and("point", write.point().tag(),
                    "outcome", outcome)).increment();
            log.info("uncertain_write_settled point={} outcome={} appointment_id={}", write.point().tag(), outcome,
                    write.byId() ? write.appointmentId() : deleted);
            if (write.toolCallId() != null && write.settled() != null) {
                settledAnswers.remember(write.business(), write.toolCallId(), answer(write.settled()));
            }
        } finally {
            settling.decrementAndGet();
        }
    }

    private boolean mayStillLand(UncertainWrite write) {
        return write.recordedAt() != null && clock.millis() - write.recordedAt() < grace.toMillis();
    }

    /** The calendar still does not answer: it stays open, tried again at the next run. */
    public void stillUncertain(@ExchangeProperty(UncertainWrite.PROPERTY) UncertainWrite write, Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.info("uncertain_write_open point={} appointment_id={} marker={} day={}: not settled yet ({})", write.point().tag(),
                write.appointmentId(), write.marker(), write.day(), failure == null ? "no answer" : failure.getClass().getSimpleName());
        settling.decrementAndGet();
    }

    /**
     * Whether an appointment found holding the caller's slot may be told to them as their booking. Not while its
     * withdrawal, cancel or release is open (the reconciler is deleting it). One made by a create whose answer was lost
     * is theirs only if it is adopted now: taken out of the open items, so the reconciler no longer withdraws it; if
     * the reconciler got to it first, it is not.
     */
    public boolean theirs(Business business, CalendarAppointment appointment) {
        String businessId = PerBusinessStore.idOf(businesses, business);
        Map<String, String> items = openOrNull();
        if (items == null) {
            return true;    // the calendar's word: a re-send during a Redis outage finds its booking
        }
        if (items.containsKey(UncertainWrite.appointmentKey(businessId, appointment.id()))) {
            return false;
        }
        String made = createOf(items, businessId, appointment);
        return made == null || adopt(businessId, appointment.notes(),
                read(made).map(UncertainWrite::point).orElse(WritePoint.APPOINTMENT_CREATE));
    }

    /** The only business's (tests of one business). */
    boolean theirs(CalendarAppointment appointment) {
        return theirs(null, appointment);
    }

    /**
     * The caller's appointments that may be listed to them as theirs (find, cancel, reschedule): not one being
     * withdrawn, cancelled or released, nor one made by a create whose caller heard it was not confirmed. The open
     * items are read once, and only when there is something to list; when they cannot be read, every appointment is
     * listed, as the calendar shows it.
     */
    public List<CalendarAppointment> shown(Business business, List<CalendarAppointment> appointments) {
        String businessId = PerBusinessStore.idOf(businesses, business);
        Map<String, String> items = appointments.isEmpty() ? null : openOrNull();
        if (items == null) {
            return appointments;
        }
        return appointments.stream()
                .filter(a -> !items.containsKey(UncertainWrite.appointmentKey(businessId, a.id()))
                        && createOf(items, businessId, a) == null)
                .toList();
    }

    /** The only business's (tests of one business). */
    List<CalendarAppointment> shown(List<CalendarAppointment> appointments) {
        return shown(null, appointments);
    }

    /**
     * The open items, or null when the store cannot list them all: then the calendar's appointments are taken as they
     * are, as without uncertain writes (only a lost write's answer on top of a Redis outage could make that wrong).
     */
    private Map<String, String> openOrNull() {
        try {
            return open.all();
        } catch (RuntimeException e) {
            log.warn("uncertain_writes_unreadable: the calendar's appointments are taken as they are ({})", e.toString());
            return null;
        }
    }

    /** The open item of the uncertain create that made this appointment (by the marker in its notes), if any. */
    private static String createOf(Map<String, String> items, String businessId, CalendarAppointment appointment) {
        String marker = markerIn(appointment.notes());
        return marker == null ? null : items.get(UncertainWrite.markerKey(businessId, marker));
    }

    /**
     * A booking found holding the caller's slot whose create was uncertain (its answer to the caller was "not
     * confirmed"): the caller asking for it again now gets it, and the reconciler no longer withdraws it. True when it
     * was still open and is now theirs; false when no uncertain write made it (or the reconciler took it first).
     */
    boolean adopt(String businessId, String notes, WritePoint point) {
        String marker = markerIn(notes);
        if (marker == null || !open.take(UncertainWrite.markerKey(businessId, marker))) {
            return false;
        }
        meters.counter("calendar.uncertain.writes.settled", business(businessId).and("point", point.tag(), "outcome", "adopted"))
                .increment();
        log.info("uncertain_write_settled point={} outcome=adopted: the caller asked for it again", point.tag());
        return true;
    }

    /** The default business's (tests of one business). */
    boolean adopt(String notes, WritePoint point) {
        return adopt(Businesses.DEFAULT_ID, notes, point);
    }

    private static String markerIn(String notes) {
        if (notes == null) {
            return null;
        }
        Matcher marker = MARKER.matcher(notes);
        return marker.find() ? marker.group() : null;
    }

    private static Optional<CalendarAppointment> marked(UncertainWrite write, List<CalendarAppointment> day) {
        return day.stream()
                .filter(a -> a.notes() != null && write.marker() != null && a.notes().contains(write.marker()))
                .min(Comparator.comparingInt(CalendarAppointment::id));
    }

    private static ToolAnswer answer(UncertainWrite.SettledAnswer settled) {
        return settled.changed() ? ToolAnswer.success(new Settled(true, true, settled.message()))
                : ToolAnswer.failure(settled.message());
    }

    /** The result a re-sent cancel gets once its deletion is settled. */
    record Settled(boolean success, boolean changed, String message) {
    }

    private Optional<UncertainWrite> read(String value) {
        try {
            return Optional.of(json.readValue(value, UncertainWrite.class));
        } catch (JsonProcessingException e) {
            log.error("uncertain_write_unreadable: an open item this version cannot read is left for an operator");
            return Optional.empty();
        }
    }

    /** The meters' business tag (BusinessTags): none without BUSINESSES_FILE; an item of the previous version is the default's. */
    private Tags business(String businessId) {
        return businessTags == null ? Tags.empty() : businessTags.of(businessId == null ? Businesses.DEFAULT_ID : businessId);
    }
}

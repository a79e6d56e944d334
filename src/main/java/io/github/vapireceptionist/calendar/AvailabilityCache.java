package io.github.vapireceptionist.calendar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.vapireceptionist.core.Deadline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A day's free times, kept a few seconds for check_availability, in front of the calendar's
 * GET /availabilities (the calendar-availabilities route, routes/calendar.camel.yaml).
 *
 * <ul>
 * <li><b>Which reads.</b> Only check_availability's (the tool call's {@value #FUNCTION} property): a day read
 * less than AVAILABILITY_CACHE_SECONDS ago answers without a call, and identical reads at the same moment
 * share one call (single flight). Every other read, a booking's slot check above all, asks the calendar:
 * deciding to book on a remembered day is never done. Their answers are remembered for check_availability.</li>
 * <li><b>Our own writes.</b> Creating an appointment forgets that provider's day; deleting one (EA's DELETE
 * names only its id) or a customer (with their appointments) forgets every day. A read that was on its way
 * when a write started is answered but not remembered.</li>
 * <li><b>Stale if error.</b> When the calendar fails a check_availability read (429, 5xx, timeout, open
 * breaker), a day read less than AVAILABILITY_STALE_SECONDS ago is the answer instead of "I can't reach
 * the booking calendar".</li>
 * </ul>
 *
 * Per instance, deliberately: a few seconds' old answer to "what is free?" is what any caller gets anyway
 * between asking and booking, and the booking checks the live calendar and reads its booking back.
 * Metrics: availability_cache_total{result}: hit, shared, miss, stale, live.
 */
public class AvailabilityCache {

    /** The tool call's function, set by the webhook for every tool call (webhook.Correlation.FUNCTION). */
    static final String FUNCTION = "function";
    static final String CACHEABLE_FUNCTION = "check_availability";
    /** How this read was answered (an {@link Answer}); read and removed by CalendarRequestMetrics. */
    static final String ANSWERED = "availabilityAnswered";
    private static final String READ = "availabilityRead";

    private static final Logger log = LoggerFactory.getLogger(AvailabilityCache.class);

    /** How a read was answered without a call of its own; {@code null}: by its own call. */
    enum Answer { CACHE, SHARED, STALE }

    enum Result { HIT, SHARED, MISS, STALE, LIVE }

    /** A day as the calendar answered it, and when (on the cache's ticker). */
    record Day(List<String> slots, long readAt) {
    }

    /** One read in progress: its day, whether check_availability may use it, the writes seen when it started. */
    private record Read(AvailabilityKey key, boolean cacheable, long writesBefore, CompletableFuture<List<String>> flight) {
    }

    private final AvailabilityCacheProperties settings;
    private final MeterRegistry meters;
    private final long freshNanos;
    private final long staleNanos;
    private final Duration longestWait;
    private final Ticker ticker;
    private final Cache<AvailabilityKey, Day> days;
    private final Cache<AvailabilityKey, CompletableFuture<List<String>>> flights;
    private final AtomicLong writes = new AtomicLong();
    private final Map<Result, Counter> counters = new EnumMap<>(Result.class);

    public AvailabilityCache(AvailabilityCacheProperties settings, Duration longestCall, Ticker ticker, MeterRegistry meters) {
        this(settings, longestCall, ticker, meters, Tags.empty());
    }

    /** {@code tags}: its business's (BusinessTags), on its counters. */
    public AvailabilityCache(AvailabilityCacheProperties settings, Duration longestCall, Ticker ticker, MeterRegistry meters,
            Tags tags) {
        this.settings = settings;
        this.meters = meters;
        this.freshNanos = TimeUnit.SECONDS.toNanos(settings.seconds());
        this.staleNanos = TimeUnit.SECONDS.toNanos(settings.staleSeconds());
        this.longestWait = longestCall;
        this.ticker = ticker;
        this.days = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofNanos(Math.max(1, Math.max(freshNanos, staleNanos))))
                .maximumSize(settings.maxDays())
                .ticker(ticker)
                .build();
        // a flight always ends (answered or failed); expiry only guards against one that somehow did not
        this.flights = Caffeine.newBuilder().expireAfterWrite(longestCall.multipliedBy(2)).ticker(ticker).build();
        for (Result result : Result.values()) {
            counters.put(result, Counter.builder("availability.cache")
                    .description("Availability reads by how they were answered: hit, shared (joined a read in "
                            + "flight), miss, stale (calendar failing), live (not check_availability's)")
                    .tags(tags).tag("result", result.name().toLowerCase(java.util.Locale.ROOT))
                    .register(meters));
        }
    }

    /**
     * Another business's cache (AvailabilityCaches): the same settings and clock, its own days, reads in flight and
     * writes, so nothing one business's calendar answered is ever another's answer; {@code tags}: its business's, on
     * its counters.
     */
    public AvailabilityCache another(Tags tags) {
        return another(tags, meters);
    }

    /** Its counters leave the registry: its business left the file (AvailabilityCaches). */
    public void removeMeters() {
        counters.values().forEach(meters::remove);
    }

    /** As {@link #another(Tags)}, its counters in {@code meters}. */
    public AvailabilityCache another(Tags tags, MeterRegistry meters) {
        return new AvailabilityCache(settings, longestWait, ticker, meters, tags);
    }

    /** Its days, for the bound they share with the other businesses' days (AvailabilityCaches). */
    Cache<?, ?> daysMap() {
        return days;
    }

    /** Days remembered at most, by every business's cache together (AVAILABILITY max-days). */
    int maxDays() {
        return settings.maxDays();
    }

    /** Whether the operation is one of our writes that changes free times ({@link #written}). */
    static boolean changesFreeTimes(String operation) {
        return switch (operation) {
            case "create-appointment", "delete-appointment", "update-appointment", "delete-customer" -> true;
            default -> false;
        };
    }

    /**
     * Before the call: answers from a fresh day or from the identical read in flight (the body becomes the
     * slots), or registers this read so the route calls the calendar. CalendarRequests has set the query.
     */
    public void lookup(Exchange exchange) throws Exception {
        exchange.removeProperty(ANSWERED);
        AvailabilityKey key = AvailabilityKey.of(exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class));
        boolean cacheable = CACHEABLE_FUNCTION.equals(exchange.getProperty(FUNCTION, String.class));
        long writesBefore = writes.get();
        if (!cacheable || freshNanos == 0) {
            exchange.setProperty(READ, new Read(key, cacheable, writesBefore, null));
            count(cacheable ? Result.MISS : Result.LIVE);
            return;
        }
        Day day = days.getIfPresent(key);
        if (day != null && age(day) < freshNanos) {
            answer(exchange, day.slots(), Answer.CACHE, Result.HIT);
            return;
        }
        CompletableFuture<List<String>> mine = new CompletableFuture<>();
        CompletableFuture<List<String>> inFlight = flights.asMap().putIfAbsent(key, mine);
        if (inFlight == null) {
            exchange.setProperty(READ, new Read(key, true, writesBefore, mine));
            count(Result.MISS);
            return;
        }
        try {
            answer(exchange, inFlight.get(waitLimit(exchange).toNanos(), TimeUnit.NANOSECONDS), Answer.SHARED, Result.SHARED);
        } catch (ExecutionException e) {
            exchange.setProperty(READ, new Read(key, true, writesBefore, null));
            staleOrRaise(exchange, e.getCause() instanceof Exception failure ? failure : e, Answer.SHARED);
        } catch (TimeoutException e) {
            exchange.setProperty(READ, new Read(key, true, writesBefore, null));
            staleOrRaise(exchange, new CalendarSlowException(), Answer.SHARED);
        }
    }

    /** Whether the route must call the calendar: nothing answered this read in {@link #lookup}. */
    public boolean needsCalendar(Exchange exchange) {
        return exchange.getProperty(ANSWERED) == null;
    }

    /** After the calendar answered: remembers the day unless one of our writes began meanwhile. */
    @SuppressWarnings("unchecked")
    public void store(Exchange exchange) {
        Read read = exchange.getProperty(READ, Read.class);
        exchange.removeProperty(READ);
        if (read == null) {
            return;
        }
        List<String> slots = List.copyOf(exchange.getMessage().getBody(List.class));
        if (writes.get() == read.writesBefore() && (freshNanos > 0 || staleNanos > 0)) {
            days.put(read.key(), new Day(slots, ticker.read()));
            if (writes.get() != read.writesBefore()) {
                days.invalidate(read.key());    // a write began between the check and the put: its forget may have run first
            }
        }
        if (read.flight() != null) {
            flights.asMap().remove(read.key(), read.flight());
            read.flight().complete(slots);
        }
    }

    /** After the calendar failed (doCatch): check_availability answers a recent enough day, others hear the failure. */
    public void failed(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Read read = exchange.getProperty(READ, Read.class);
        exchange.removeProperty(READ);
        if (read != null && read.flight() != null) {
            flights.asMap().remove(read.key(), read.flight());
            read.flight().completeExceptionally(failure);
        }
        if (read == null || !read.cacheable()) {
            throw failure;
        }
        exchange.setProperty(READ, read);
        staleOrRaise(exchange, failure, Answer.STALE);
    }

    /**
     * Before and after each of our writes (routes/calendar.camel.yaml): forgets the days it changes.
     * {@code body} is the write's request (before) or answer (after); both name the day of a new appointment.
     */
    public void written(Object body, String operation) {
        if (!changesFreeTimes(operation)) {
            return;     // reads and customer writes leave free times as they were
        }
        if (!"create-appointment".equals(operation)) {
            forgetAll();
        } else if (body instanceof NewAppointment created) {
            forget(AvailabilityKey.ofAppointment(created.providerId(), created.start()));
        } else if (body instanceof CalendarAppointment created && created.providerId() != null) {
            forget(AvailabilityKey.ofAppointment(created.providerId(), created.start()));
        } else {
            forgetAll();
        }
    }

    /** Forgets every remembered day and detaches every read in flight. */
    public void forgetAll() {
        writes.incrementAndGet();
        days.invalidateAll();
        flights.invalidateAll();
    }

    private void forget(AvailabilityKey.ProviderDay providerDay) {
        writes.incrementAndGet();
        days.asMap().keySet().removeIf(providerDay::covers);
        flights.asMap().keySet().removeIf(providerDay::covers);
    }

    /** {@code answer}: STALE when this read's own request failed, SHARED when the read it waited for did. */
    private void staleOrRaise(Exchange exchange, Exception failure, Answer answer) throws Exception {
        Read read = exchange.getProperty(READ, Read.class);
        exchange.removeProperty(READ);
        Day day = staleNanos == 0 ? null : days.getIfPresent(read.key());
        if (day == null || age(day) >= staleNanos) {
            if (answer == Answer.SHARED) {
                exchange.setProperty(ANSWERED, answer); // it made no request of its own: not a calendar request
            }
            throw failure;
        }
        log.info("Calendar failed a check_availability read ({}): answered with the day as read {} s ago",
                failure.getClass().getSimpleName(), TimeUnit.NANOSECONDS.toSeconds(age(day)));
        answer(exchange, day.slots(), answer, Result.STALE);
    }

    private void answer(Exchange exchange, List<String> slots, Answer answer, Result result) {
        exchange.getMessage().setBody(slots);
        exchange.setProperty(ANSWERED, answer);
        count(result);
    }

    /** A follower waits for the read in flight no longer than its own caller can, nor than a call may last. */
    private Duration waitLimit(Exchange exchange) {
        Deadline deadline = exchange.getProperty(Deadline.PROPERTY, Deadline.class);
        if (deadline == null) {
            return longestWait;
        }
        Duration remaining = deadline.remaining();
        return remaining.compareTo(longestWait) < 0 ? remaining : longestWait;
    }

    private long age(Day day) {
        return ticker.read() - day.readAt();
    }

    private void count(Result result) {
        counters.get(result).increment();
    }
}

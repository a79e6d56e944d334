package io.github.vapireceptionist.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The availability cache on a clock the test moves: hits, expiry, our own writes, single flight, stale answers. */
class AvailabilityCacheTest {

    private static final String WEDNESDAY = "providerId=2&serviceId=1&date=2026-12-09";
    private static final String THURSDAY = "providerId=2&serviceId=1&date=2026-12-10";
    private static final List<String> FREE = List.of("09:00", "10:00");

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final AvailabilityCache cache = new AvailabilityCache(
            new AvailabilityCacheProperties(5, 120, 1000), Duration.ofSeconds(3), now::get, meters);

    @AfterEach
    void stopCamel() throws Exception {
        camel.close();
    }

    @Test
    void checkAvailabilityAsksAgainWithinTheCacheTimeWithoutACall() throws Exception {
        assertThat(callsFor(WEDNESDAY, "check_availability", FREE)).isEqualTo(1);

        Exchange again = read(WEDNESDAY, "check_availability");

        assertThat(cache.needsCalendar(again)).isFalse();
        assertThat(again.getMessage().getBody()).isEqualTo(FREE);
        assertThat(count("hit")).isEqualTo(1);
        assertThat(count("miss")).isEqualTo(1);
    }

    @Test
    void aDayExpiresAfterTheCacheTime() throws Exception {
        callsFor(WEDNESDAY, "check_availability", FREE);

        advance(4_999);
        assertThat(cache.needsCalendar(read(WEDNESDAY, "check_availability"))).isFalse();
        advance(1);
        assertThat(cache.needsCalendar(read(WEDNESDAY, "check_availability"))).isTrue();
    }

    @Test
    void anotherDayIsAnotherRead() throws Exception {
        callsFor(WEDNESDAY, "check_availability", FREE);

        assertThat(cache.needsCalendar(read(THURSDAY, "check_availability"))).isTrue();
    }

    @Test
    void aBookingAlwaysAsksTheCalendarAndWhatItReadsServesCheckAvailability() throws Exception {
        callsFor(WEDNESDAY, "check_availability", FREE);

        Exchange booking = read(WEDNESDAY, "book_appointment");
        assertThat(cache.needsCalendar(booking)).as("a booking's slot check never answered from the cache").isTrue();
        answer(booking, List.of("10:00"));

        Exchange check = read(WEDNESDAY, "check_availability");
        assertThat(check.getMessage().getBody()).isEqualTo(List.of("10:00"));
        assertThat(count("live")).isEqualTo(1);
    }

    @Test
    void aReadWithNoFunctionAsksTheCalendar() throws Exception {
        callsFor(WEDNESDAY, "check_availability", FREE);

        assertThat(cache.needsCalendar(read(WEDNESDAY, null))).isTrue();
    }

    @Test
    void creatingAnAppointmentForgetsThatProvidersDayOnly() throws Exception {
        callsFor(WEDNESDAY, "check_availability", FREE);
        callsFor(THURSDAY, "check_availability", FREE);

        cache.written(new NewAppointment("2026-12-09 10:00:00", "2026-12-09 10:30:00", 7, 2, 1, "Booked", null),
                "create-appointment");

        assertThat(cache.needsCalendar(read(WEDNESDAY, "check_availability"))).isTrue();
        assertThat(cache.needsCalendar(read(THURSDAY, "check_availability"))).isFalse();
    }

    @Test
    void anotherProvidersAppointmentLeavesTheDay() throws Exception {
        callsFor(WEDNESDAY, "check_availability", FREE);

        cache.written(new NewAppointment("2026-12-09 10:00:00", "2026-12-09 10:30:00", 7, 3, 1, "Booked", null),
                "create-appointment");

        assertThat(cache.needsCalendar(read(WEDNESDAY, "check_availability"))).isFalse();
    }

    @Test
    void deletingAnAppointmentOrACustomerForgetsEveryDay() throws Exception {
        for (String operation : List.of("delete-appointment", "delete-customer")) {
            callsFor(WEDNESDAY, "check_availability", FREE);
            callsFor(THURSDAY, "check_availability", FREE);

            cache.written(41, operation);

            assertThat(callsFor(WEDNESDAY, "check_availability", FREE)).as(operation).isEqualTo(1);
            assertThat(callsFor(THURSDAY, "check_availability", FREE)).as(operation).isEqualTo(1);
        }
    }

    @Test
    void aCustomerWriteOrAReadLeavesTheDays() throws Exception {
        callsFor(WEDNESDAY, "check_availability", FREE);

        cache.written(null, "create-customer");
        cache.written(List.of(), "appointments");

        assertThat(cache.needsCalendar(read(WEDNESDAY, "check_availability"))).isFalse();
    }

    @Test
    void aReadOnItsWayWhenAWriteBeganIsAnsweredButNotRemembered() throws Exception {
        Exchange before = read(WEDNESDAY, "check_availability");
        cache.written(41, "delete-appointment");
        answer(before, FREE);

        assertThat(before.getMessage().getBody()).isEqualTo(FREE);
        assertThat(cache.needsCalendar(read(WEDNESDAY, "check_availability"))).isTrue();
    }

    @Test
    void identicalReadsAtTheSameMomentShareOneCall() throws Exception {
        Exchange leader = read(WEDNESDAY, "check_availability");
        assertThat(cache.needsCalendar(leader)).isTrue();
        int followers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(followers);
        List<Thread> waiting = new ArrayList<>();
        List<Future<Exchange>> reads = new ArrayList<>();
        try {
            for (int i = 0; i < followers; i++) {
                reads.add(pool.submit(() -> {
                    synchronized (waiting) {
                        waiting.add(Thread.currentThread());
                    }
                    return read(WEDNESDAY, "check_availability");
                }));
            }
            // every follower is parked on the leader's read before it answers
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                synchronized (waiting) {
                    return waiting.size() == followers
                            && waiting.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING);
                }
            });
            answer(leader, FREE);
            for (Future<Exchange> read : reads) {
                Exchange follower = read.get(10, TimeUnit.SECONDS);
                assertThat(cache.needsCalendar(follower)).isFalse();
                assertThat(follower.getMessage().getBody()).isEqualTo(FREE);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("miss")).as("calls made").isEqualTo(1);
        assertThat(count("shared")).isEqualTo(followers);
    }

    @Test
    void whenTheSharedReadFailsWithNoRecentDayTheFollowerHearsTheFailure() throws Exception {
        Exchange leader = read(WEDNESDAY, "check_availability");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Exchange> read = aFollowerWaitingOnTheLeader(pool);
            CalendarUnavailableException failure = new CalendarUnavailableException();
            assertThatThrownBy(() -> fail(leader, failure)).isSameAs(failure);

            assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS)).cause().isSameAs(failure);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenTheSharedReadFailsTheFollowerAnswersADayReadWithinTheStaleTime() throws Exception {
        callsFor(WEDNESDAY, "check_availability", FREE);
        advance(60_000);
        Exchange leader = read(WEDNESDAY, "check_availability");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Exchange> read = aFollowerWaitingOnTheLeader(pool);
            fail(leader, new CalendarRateLimitedException());

            Exchange answered = read.get(10, TimeUnit.SECONDS);
            assertThat(answered.getMessage().getBody()).isEqualTo(FREE);
            assertThat(cache.needsCalendar(answered)).isFalse();
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("stale")).as("the leader and its follower").isEqualTo(2);
    }

    @Test
    void aFailedCheckIsAnsweredWithADayReadWithinTheStaleTime() throws Exception {
        callsFor(WEDNESDAY, "check_availability", FREE);
        advance(119_999);

        Exchange check = read(WEDNESDAY, "check_availability");
        assertThat(cache.needsCalendar(check)).isTrue();
        fail(check, new CalendarRateLimitedException());

        assertThat(check.getMessage().getBody()).isEqualTo(FREE);
        assertThat(check.getProperty(AvailabilityCache.ANSWERED)).isEqualTo(AvailabilityCache.Answer.STALE);
        assertThat(count("stale")).isEqualTo(1);
    }

    @Test
    void aDayOlderThanTheStaleTimeIsNotAnAnswer() throws Exception {
        callsFor(WEDNESDAY, "check_availability", FREE);
        advance(120_000);

        assertTheFailureIsRaised(read(WEDNESDAY, "check_availability"));
    }

    @Test
    void aFailedBookingReadIsNeverAnsweredStale() throws Exception {
        callsFor(WEDNESDAY, "check_availability", FREE);

        assertTheFailureIsRaised(read(WEDNESDAY, "book_appointment"));
    }

    @Test
    void ourOwnWriteAlsoForgetsTheStaleDay() throws Exception {
        callsFor(WEDNESDAY, "check_availability", FREE);
        cache.written(41, "delete-appointment");

        assertTheFailureIsRaised(read(WEDNESDAY, "check_availability"));
    }

    @Test
    void withTheCacheOffEveryCheckAsksButAFailureIsStillAnsweredStale() throws Exception {
        AvailabilityCache off = new AvailabilityCache(new AvailabilityCacheProperties(0, 120, 1000), Duration.ofSeconds(3),
                now::get, meters);
        Exchange first = read(off, WEDNESDAY, "check_availability");
        off.store(withBody(first, FREE));

        Exchange second = read(off, WEDNESDAY, "check_availability");
        assertThat(off.needsCalendar(second)).isTrue();
        second.setProperty(Exchange.EXCEPTION_CAUGHT, new CalendarUnavailableException());
        off.failed(second);
        assertThat(second.getMessage().getBody()).isEqualTo(FREE);
    }

    @Test
    void readsAFreshDayForEveryUnreadableQuery() {
        assertThat(AvailabilityKey.of("providerId=2&serviceId=1&date=2026-12-09"))
                .isEqualTo(new AvailabilityKey("providerId=2&serviceId=1&date=2026-12-09", "2", "2026-12-09"));
        assertThat(AvailabilityKey.ofAppointment(2, "2026-12-09 10:00:00").covers(AvailabilityKey.of("serviceId=1"))).isTrue();
    }

    /** A check of Wednesday on another thread, once it is parked on the leader's read in flight. */
    private Future<Exchange> aFollowerWaitingOnTheLeader(ExecutorService pool) {
        Thread[] follower = new Thread[1];
        Future<Exchange> read = pool.submit(() -> {
            follower[0] = Thread.currentThread();
            return read(WEDNESDAY, "check_availability");
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> follower[0] != null && follower[0].getState() == Thread.State.TIMED_WAITING);
        return read;
    }

    /** One read from start to answer: how many calls it made (0 or 1). */
    private int callsFor(String query, String function, List<String> slots) throws Exception {
        Exchange exchange = read(query, function);
        if (!cache.needsCalendar(exchange)) {
            return 0;
        }
        answer(exchange, slots);
        return 1;
    }

    private Exchange read(String query, String function) throws Exception {
        return read(cache, query, function);
    }

    private Exchange read(AvailabilityCache on, String query, String function) throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, query);
        if (function != null) {
            exchange.setProperty(AvailabilityCache.FUNCTION, function);
        }
        on.lookup(exchange);
        return exchange;
    }

    private void answer(Exchange exchange, List<String> slots) {
        cache.store(withBody(exchange, slots));
    }

    private void fail(Exchange exchange, Exception failure) throws Exception {
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        cache.failed(exchange);
    }

    private void assertTheFailureIsRaised(Exchange read) {
        CalendarUnavailableException failure = new CalendarUnavailableException();
        assertThatThrownBy(() -> fail(read, failure)).isSameAs(failure);
    }

    private static Exchange withBody(Exchange exchange, List<String> slots) {
        exchange.getMessage().setBody(slots);
        return exchange;
    }

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private double count(String result) {
        return meters.get("availability.cache").tag("result", result).counter().count();
    }
}

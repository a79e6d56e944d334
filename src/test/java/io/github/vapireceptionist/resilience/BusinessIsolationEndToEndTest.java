package io.github.vapireceptionist.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.vapireceptionist.booking.ServiceCatalog;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.CalendarSlowException;
import io.github.vapireceptionist.calendar.CalendarUnavailableException;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.FixedServiceCatalog;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Two businesses on one deployment, each with its own calendar (a WireMock each), driven over HTTP as Vapi drives
 * them: while north's calendar hangs (longer than every budget) or refuses everything with 429 under many concurrent
 * north calls, south's callers are answered correctly and about as fast as without north's trouble; north's breaker
 * opens, south's stays closed. Budgets are long here (4 s for reads, 8 s for a booking), so a north call holds its
 * webhook thread for seconds; 40 north callers at once are more than the webhook's 32 threads, and only the share of
 * 8 tool calls in progress per business (the default with several businesses) keeps threads free for south (without
 * it south waited for north's threads: 2.9 s against 0.7 s alone, in one run). The breakers open after 10 calls, half
 * of them failed. South's answers are timed against south's own calls without north's trouble, made the same way in
 * the same test: on a box shared with other work only a generous bound says anything.
 */
@TestPropertySource(properties = {
    "businesses.by-path=true",
    "easyappointments.api-token=ea-test-token",
    "resilience.budget.check-availability-ms=4000",
    "resilience.budget.book-appointment-ms=8000",
    "resilience.budget.other-functions-ms=4000",
    "resilience.circuit-breaker.calendar.window=10",
    "resilience.circuit-breaker.calendar.minimum-calls=10",
    "resilience.circuit-breaker.calendar.open-seconds=60"
})
@Import(BusinessIsolationEndToEndTest.TwoCalendars.class)
class BusinessIsolationEndToEndTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension northCalendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(64)).build();
    @RegisterExtension
    static final WireMockExtension southCalendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(64)).build();

    private static final Logger log = LoggerFactory.getLogger(BusinessIsolationEndToEndTest.class);

    /** Far longer than every budget: a caller who waited for it would have heard silence. */
    private static final int HANGS_MS = 12_000;
    /** North's callers at once: more than the webhook's threads (WEBHOOK_WORKER_THREADS, 32), five times its share. */
    private static final int NORTH_CALLERS = 40;
    /** South's callers at once: below its share, so none of them is turned away by its own limit. */
    private static final int SOUTH_CALLERS = 6;
    private static final int SOUTH_CALLS_EACH = 6;

    private static final LocalDate DAY = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));
    // made when used: the calendars' ports are known once the extensions have started them
    private static Business north() {
        return TestBusinesses.business("north", northCalendar.baseUrl());
    }

    private static Business south() {
        return TestBusinesses.business("south", southCalendar.baseUrl());
    }

    @TestConfiguration
    static class TwoCalendars {

        @Bean
        @Primary
        Businesses northAndSouth() {
            return new Businesses(List.of(north(), south()), true);
        }

        /** The booked service, fixed, until ServiceCatalog reads each business's own (issue 19, step 5). */
        @Bean
        @Primary
        ServiceCatalog fixedService() {
            return new FixedServiceCatalog();
        }
    }

    /** No calendar of either business: a call that went to the deployment's one URL would fail loudly. */
    @DynamicPropertySource
    static void noSharedCalendar(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", () -> "http://127.0.0.1:9");
    }

    @Autowired
    CalendarBreaker calendarBreaker;
    @Autowired
    BusinessBulkhead businessBulkhead;
    @Autowired
    MeterRegistry meters;

    /** South's check_availability calls in this test: each must read south's calendar. */
    private final AtomicInteger southChecks = new AtomicInteger();

    @BeforeEach
    void twoClinicsWithJaneFreeAtNine() {
        for (WireMockExtension calendar : List.of(northCalendar, southCalendar)) {
            calendar.resetAll();
            EasyAppointmentsStubs.salonWithJaneFreeOn(calendar, DAY, "[\"09:00\",\"09:30\"]");
            EasyAppointmentsStubs.aCalendarThatBooks(calendar,
                    EasyAppointmentsStubs.appointment(41, DAY + " 09:00:00", DAY + " 09:30:00", 57, null));
        }
        // whatever an earlier test left in progress at north has ended
        Bulkhead northsShare = businessBulkhead.bulkheadOf(north());
        await().atMost(Duration.ofSeconds(30)).until(() -> northsShare.getMetrics().getAvailableConcurrentCalls()
                == northsShare.getBulkheadConfig().getMaxConcurrentCalls());
    }

    @Test
    void aCalendarThatHangsTurnsAwayOnlyItsOwnBusinesssCallers() throws Exception {
        northCalendar.stubFor(any(anyUrl()).willReturn(EasyAppointmentsStubs.ok("[]").withFixedDelay(HANGS_MS)));
        double refusedBefore = refusals("north");

        // south is timed while north's calls hold their threads: at least a share's worth of them waiting on north
        Isolation seen = southUnderNorthsLoad(answers -> northsToolCallsInProgress() >= 8);

        seen.assertSouthUnharmed();
        assertThat(refusals("north")).as("north's calls beyond its share, turned away at once").isGreaterThan(refusedBefore);
    }

    /**
     * The storm must reach north's calendar with north's token and open north's breaker (AppTest closes every breaker
     * before each test): north's calls failing anywhere else (another URL, a refused connection) would also open it and
     * say the same sentence. Every south call reaches south's calendar with south's token, and nothing of south's share
     * or breaker is spent on north.
     */
    @Test
    void aCalendarThatRefusesEverythingWith429TurnsAwayOnlyItsOwnBusinesssCallers() throws Exception {
        // as Easy!Appointments' rate limit answers (easyappointments-api-v1.md): 429 with an empty body
        northCalendar.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(429)));
        List<CircuitBreaker.StateTransition> northsTransitions = new CopyOnWriteArrayList<>();
        breaker(north()).getEventPublisher().onStateTransition(event -> northsTransitions.add(event.getStateTransition()));
        double southBusyBefore = calendarBusy("south");

        southUnderNorthsLoad(answers -> !answers.isEmpty()).assertSouthUnharmed();

        assertThat(northsTransitions).as("north's breaker opened on the 429s of this phase")
                .contains(CircuitBreaker.StateTransition.CLOSED_TO_OPEN);
        assertThat(northCalendar.findAll(anyRequestedFor(anyUrl()))).as("north's calls that reached its calendar (all 429)")
                .hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(request -> assertThat(request.getHeader("Authorization")).isEqualTo(bearer("north")));
        assertThat(southCalendar.findAll(anyRequestedFor(anyUrl()))).as("south's calendar heard south's token only")
                .isNotEmpty().allSatisfy(request -> assertThat(request.getHeader("Authorization")).isEqualTo(bearer("south")));
        assertThat(southCalendar.findAll(getRequestedFor(urlPathEqualTo(EasyAppointmentsStubs.API + "/availabilities"))
                .withQueryParam("date", equalTo(DAY.toString()))))
                .as("every south check_availability read south's calendar (no cache here), none was turned away for north's storm")
                .hasSizeGreaterThanOrEqualTo(southChecks.get());
        assertThat(calendarBusy("south")).as("south's share of calendar calls, never full").isEqualTo(southBusyBefore);
    }

    /** What the two businesses' callers heard, and how long south's took with and without north's trouble. */
    private final class Isolation {

        Duration southAlone;
        Duration southUnderLoad;
        final Queue<HttpResponse<String>> northAnswers = new ConcurrentLinkedQueue<>();

        void assertSouthUnharmed() {
            log.info("isolation south_alone_ms={} south_under_load_ms={} north_answers={}", southAlone.toMillis(),
                    southUnderLoad.toMillis(), northAnswers.size());
            assertThat(northAnswers).as("north's callers").isNotEmpty().allSatisfy(answer -> {
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(toolAnswer(answer).path("error").asText()).as(answer.body())
                        .isIn(CalendarSlowException.SENTENCE, CalendarUnavailableException.SENTENCE);
            });
            assertThat(breaker(north()).getState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(breaker(south()).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(breaker(south()).getMetrics().getNumberOfFailedCalls()).isZero();
            assertThat(refusals("south")).isZero();
            // generous on purpose: a bound relative to this run's own unloaded answers, far below north's hang
            assertThat(southUnderLoad).as("south's slowest answer while north was in trouble (alone: %s)", southAlone)
                    .isLessThan(southAlone.plusSeconds(1));
        }
    }

    /** South's callers timed once {@code northInTrouble} says north's load is on (given north's answers so far). */
    private Isolation southUnderNorthsLoad(Predicate<Queue<HttpResponse<String>>> northInTrouble) throws Exception {
        Isolation seen = new Isolation();
        // a warm app: the first calls of a fresh one compile code and open connections
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertAnsweredCorrectly(call(south(), 0), 0);
            assertAnsweredCorrectly(call(south(), 1), 1);
        });
        seen.southAlone = slowestSouthAnswer(SOUTH_CALLERS, SOUTH_CALLS_EACH);

        ScheduledExecutorService northCallers = Executors.newScheduledThreadPool(NORTH_CALLERS);
        AtomicInteger northCalls = new AtomicInteger();
        try {
            for (int caller = 0; caller < NORTH_CALLERS; caller++) {
                // each caller tries again half a second after each answer, as long as south is being measured
                northCallers.scheduleWithFixedDelay(() -> seen.northAnswers.add(
                        call(north(), northCalls.incrementAndGet())), 0, 500, TimeUnit.MILLISECONDS);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> northInTrouble.test(seen.northAnswers));
            seen.southUnderLoad = slowestSouthAnswer(SOUTH_CALLERS, SOUTH_CALLS_EACH);
            await().atMost(Duration.ofSeconds(20)).until(() -> breaker(north()).getState() == CircuitBreaker.State.OPEN);
        } finally {
            northCallers.shutdown();
        }
        assertThat(northCallers.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        return seen;
    }

    /** {@code callers} south callers at once, each making {@code callsEach} calls (check, book, check, ...): the slowest answer. */
    private Duration slowestSouthAnswer(int callers, int callsEach) throws Exception {
        ExecutorService southCallers = Executors.newFixedThreadPool(callers);
        List<CompletableFuture<Duration>> slowest = new ArrayList<>();
        for (int caller = 0; caller < callers; caller++) {
            int first = caller * callsEach;
            slowest.add(CompletableFuture.supplyAsync(() -> {
                Duration worst = Duration.ZERO;
                for (int n = first; n < first + callsEach; n++) {
                    long started = System.nanoTime();
                    HttpResponse<String> answer = call(south(), n);
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    assertAnsweredCorrectly(answer, n);
                    worst = took.compareTo(worst) > 0 ? took : worst;
                }
                return worst;
            }, southCallers));
        }
        try {
            Duration worst = Duration.ZERO;
            for (CompletableFuture<Duration> caller : slowest) {
                Duration took = caller.get(60, TimeUnit.SECONDS);
                worst = took.compareTo(worst) > 0 ? took : worst;
            }
            return worst;
        } finally {
            southCallers.shutdownNow();
        }
    }

    /** Call {@code n} of a business: even calls check Jane's day, odd calls book her at nine. */
    private HttpResponse<String> call(Business business, int n) {
        if (business.id().equals("south") && n % 2 == 0) {
            southChecks.incrementAndGet();
        }
        String id = "tc-" + business.id() + "-" + n;
        String message = n % 2 == 0
                ? VapiPayloads.toolCall(id, "check_availability", "{\"date\":\"" + DAY + "\"}")
                : VapiPayloads.toolCall(id, "book_appointment", "{\"date\":\"" + DAY + "\",\"time\":\"09:00\","
                        + "\"first_name\":\"Zoë\",\"last_name\":\"Ng\",\"email\":\"zoe@example.com\",\"phone\":\"07123 456789\"}");
        return httpPost(WEBHOOK + "/" + business.id(), message, "x-vapi-secret", TestBusinesses.secretOf(business.id()));
    }

    private static void assertAnsweredCorrectly(HttpResponse<String> answer, int n) {
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode result = toolAnswer(answer);
        if (n % 2 == 0) {
            assertThat(result.path("slots").toString()).as(answer.body()).isEqualTo("[\"09:00\",\"09:30\"]");
        } else {
            assertThat(result.path("success").asBoolean()).as(answer.body()).isTrue();
            assertThat(result.path("appointment_id").asInt()).as(answer.body()).isEqualTo(41);
        }
    }

    private int northsToolCallsInProgress() {
        Bulkhead northsShare = businessBulkhead.bulkheadOf(north());
        return northsShare.getBulkheadConfig().getMaxConcurrentCalls() - northsShare.getMetrics().getAvailableConcurrentCalls();
    }

    private CircuitBreaker breaker(Business business) {
        return calendarBreaker.breakerOf(business);
    }

    private double calendarBusy(String business) {
        Counter counter = meters.find("calendar.bulkhead.refusals").tag("business", business).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String bearer(String business) {
        return "Bearer " + TestBusinesses.tokenOf(business);
    }

    private double refusals(String business) {
        Counter counter = meters.find("tool.calls.refused").tag("business", business).counter();
        return counter == null ? 0 : counter.count();
    }
}

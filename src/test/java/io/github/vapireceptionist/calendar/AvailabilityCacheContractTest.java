package io.github.vapireceptionist.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.failure;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The availability cache through the webhook, against a stand-in answering as Easy!Appointments 1.5.2 does
 * (429 with an empty body when its rate limit is spent, 500 JSON otherwise), on a clock the test moves.
 */
class AvailabilityCacheContractTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final AtomicLong NOW = new AtomicLong(1_000_000_000L);
    private static final String UNREACHABLE = CalendarUnavailableException.SENTENCE;
    private static final String FREE = "[\"09:30\",\"10:00\",\"10:30\",\"11:00\"]";
    private static final String TEN_TAKEN = "[\"09:30\",\"10:30\",\"11:00\"]";

    @DynamicPropertySource
    static void cacheOn(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", calendar::baseUrl);
        registry.add("easyappointments.api-token", () -> "ea-test-token");
        registry.add("easyappointments.read-timeout-ms", () -> "2500");
        registry.add("availability-cache.seconds", () -> "5");
        registry.add("availability-cache.stale-seconds", () -> "120");
    }

    @TestConfiguration
    static class MovableClock {
        @Bean
        @Primary
        Ticker movableTicker() {
            return NOW::get;
        }
    }

    @Autowired
    AvailabilityCache cache;

    @Autowired
    BookingReplays replays;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    MeterRegistry meters;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    @BeforeEach
    void aCalendarWithTenOClockFree() {
        cache.forgetAll();
        replays.clear();
        stubDay(ok(FREE));
        EasyAppointmentsStubs.aCalendarThatBooks(calendar, appointment());
    }

    @Test
    void aDayAskedAgainWithinTheCacheTimeCostsOneCalendarCall() throws Exception {
        double requestsBefore = availabilityRequests();

        assertThat(slots(check("c-1"))).containsExactly("09:30", "10:00", "10:30", "11:00");
        assertThat(slots(check("c-2"))).containsExactly("09:30", "10:00", "10:30", "11:00");

        assertThat(dayReads()).isEqualTo(1);
        assertThat(availabilityRequests() - requestsBefore).as("calendar_requests counts calls made, not answers").isEqualTo(1);
        advanceSeconds(5);
        check("c-3");
        assertThat(dayReads()).as("read again once the cache time is over").isEqualTo(2);
    }

    @Test
    void identicalChecksAtTheSameMomentShareOneCalendarCall() throws Exception {
        stubDay(ok(FREE).withFixedDelay(300));
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String id = "same-" + i;
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return check(id);
            }, pool));
        }
        start.countDown();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(slots(answer.get(30, TimeUnit.SECONDS))).containsExactly("09:30", "10:00", "10:30", "11:00");
        }
        pool.shutdown();

        assertThat(dayReads()).isEqualTo(1);
    }

    static Stream<Arguments> calendarFailures() {
        return Stream.of(
                Arguments.of("429, its rate limit spent", (Consumer<AvailabilityCacheContractTest>) t ->
                        t.stubDay(aResponse().withStatus(429))),
                Arguments.of("500 with a PHP message", (Consumer<AvailabilityCacheContractTest>) t ->
                        t.stubDay(failure("SQLSTATE[HY000] [2002] Connection refused"))),
                Arguments.of("no answer within the read timeout", (Consumer<AvailabilityCacheContractTest>) t ->
                        t.stubDay(ok(FREE).withFixedDelay(4000))),
                Arguments.of("the breaker open", (Consumer<AvailabilityCacheContractTest>) t ->
                        t.breakers.circuitBreaker("calendar").transitionToOpenState()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calendarFailures")
    void whileTheCalendarFailsADayReadWithinTheStaleTimeIsTheAnswer(String failure, Consumer<AvailabilityCacheContractTest> fail)
            throws Exception {
        check("before");
        advanceSeconds(60);
        fail.accept(this);

        assertThat(slots(check("during"))).containsExactly("09:30", "10:00", "10:30", "11:00");

        advanceSeconds(60);
        assertThat(error(check("too-old"))).isIn(UNREACHABLE, CalendarSlowException.SENTENCE);
    }

    @Test
    void aBookingNeverDecidesOnTheCache() throws Exception {
        check("cached");
        stubDay(ok(TEN_TAKEN)); // taken meanwhile by someone else: the cache still says free

        String answer = error(book("book-10"));

        assertThat(answer).startsWith("That time isn't free.");
        calendar.verify(0, postRequestedFor(anyUrl()));
        assertThat(dayReads()).as("the booking asked the calendar").isEqualTo(2);
    }

    @Test
    void aBookingNeedsTheLiveCalendarAndSaysSoWhileCheckAvailabilityAnswersStale() throws Exception {
        check("cached");
        advanceSeconds(10);
        stubDay(aResponse().withStatus(429));

        assertThat(error(book("book-429"))).isEqualTo(UNREACHABLE);
        calendar.verify(0, postRequestedFor(anyUrl()));
        assertThat(slots(check("stale"))).contains("10:00");
    }

    @Test
    void ourOwnBookingMakesTheNextCheckAskTheCalendar() throws Exception {
        check("before");
        assertThat(toolResult(book("book-ok")).get("appointment_id").asInt()).isEqualTo(41);
        stubDay(ok(TEN_TAKEN));

        assertThat(slots(check("after"))).doesNotContain("10:00");
        assertThat(dayReads()).as("check, the booking's own check, check again").isEqualTo(3);
    }

    private HttpResponse<String> check(String toolCallId) {
        return webhook(VapiPayloads.toolCall(toolCallId, "check_availability", "{\"date\":\"" + day + "\"}"));
    }

    private HttpResponse<String> book(String toolCallId) {
        return webhook(VapiPayloads.toolCall(toolCallId, "book_appointment", "{\"date\":\"" + day + "\",\"time\":\"10:00\","
                + "\"first_name\":\"Zoë\",\"last_name\":\"Ng\",\"email\":\"zoe@example.com\",\"phone\":\"07123 456789\"}"));
    }

    private static List<String> slots(HttpResponse<String> response) throws Exception {
        JsonNode result = toolResult(response);
        assertThat(result.get("success").asBoolean()).isTrue();
        List<String> slots = new ArrayList<>();
        result.get("slots").forEach(slot -> slots.add(slot.asText()));
        return slots;
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return toolError(response);
    }

    void stubDay(ResponseDefinitionBuilder answer) {
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).withQueryParam("date", equalTo(day.toString()))
                .willReturn(answer));
    }

    private int dayReads() {
        return calendar.findAll(getRequestedFor(urlPathEqualTo(API + "/availabilities"))
                .withQueryParam("date", equalTo(day.toString()))).size();
    }

    private double availabilityRequests() {
        return meters.find("calendar.requests").tag("operation", "availabilities").timers().stream()
                .mapToDouble(Timer::count).sum();
    }

    private String appointment() {
        return EasyAppointmentsStubs.appointment(41, day + " 10:00:00", day + " 10:30:00", 57, null);
    }

    private static void advanceSeconds(long seconds) {
        NOW.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }
}

package io.github.vapireceptionist.booking;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.failure;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.json;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.vapireceptionist.calendar.CalendarSlowException;
import io.github.vapireceptionist.calendar.CalendarUnavailableException;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * book_appointment asks the calendar who the caller is and which times the day offers at the same time
 * (book-appointment's multicast), and keeps every answer it gave when it asked one after the other. The
 * concurrency is proven by the stand-in, not by a clock: {@link Rendezvous} answers neither request
 * until the other has arrived, so two lookups made one after the other could never both be answered.
 * The read timeout is long (30 s) so that only the caller's budget (3 s) can cut a held read short.
 */
@TestPropertySource(properties = {
    "easyappointments.api-token=ea-test-token",
    "easyappointments.read-timeout-ms=30000",
    "resilience.budget.book-appointment-ms=3000"
})
class BookingLookupsContractTest extends AppTest {

    private static final Rendezvous rendezvous = new Rendezvous();

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(rendezvous)).build();

    private static final String UNREACHABLE = CalendarUnavailableException.SENTENCE;

    @DynamicPropertySource
    static void calendarUrl(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", calendar::baseUrl);
    }

    @Autowired
    BookingReplays replays;

    @Autowired
    @Qualifier("calendarCircuitBreaker")
    CircuitBreaker calendarBreaker;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    @BeforeEach
    void aCalendarWithTheSlotFreeAndANewCaller() {
        replays.clear();
        rendezvous.reset();
        calendar.stubFor(get(urlPathEqualTo(API + "/services/1")).willReturn(ok(
                "{\"id\":1,\"name\":\"Service\",\"duration\":30,\"price\":0,\"currency\":\"\",\"description\":null,"
                        + "\"location\":null,\"availabilitiesType\":\"flexible\",\"attendantsNumber\":1,\"isPrivate\":false,"
                        + "\"serviceCategoryId\":null}")));
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[\"09:30\",\"10:00\",\"10:30\"]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[]")));
        calendar.stubFor(post(urlPathEqualTo(API + "/customers")).willReturn(json(201, customer())));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", absent())
                .willReturn(ok("[" + appointment(41) + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[]")));
        calendar.stubFor(post(urlPathEqualTo(API + "/appointments")).willReturn(json(201, appointment(41))));
    }

    // --- at the same time ----------------------------------------------------------------------------

    @Test
    void aNewCallersCustomerSearchAndTheDaysTimesAreAskedAtTheSameTime() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers"))
                .willReturn(ok("[]").withTransformer(Rendezvous.NAME, "until", "availabilities")));
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities"))
                .willReturn(ok("[\"09:30\",\"10:00\",\"10:30\"]").withTransformer(Rendezvous.NAME, "until", "customers")));

        JsonNode result = toolResult(book("tc-parallel-new"));

        assertThat(result.get("appointment_id").asInt()).isEqualTo(41);
        assertThat(rendezvous.arrived("customers") && rendezvous.arrived("availabilities")).as("both asked").isTrue();
        calendar.verify(1, postRequestedFor(urlPathEqualTo(API + "/customers")));
        calendar.verify(1, postRequestedFor(urlPathEqualTo(API + "/appointments")));
    }

    @Test
    void aKnownCallersSearchAndTheirAppointmentsRunBesideTheDaysTimes() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers"))
                .willReturn(ok("[" + customer() + "]").withTransformer(Rendezvous.NAME, "until", "availabilities")));
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities"))
                .willReturn(ok("[\"09:30\",\"10:00\",\"10:30\"]").withTransformer(Rendezvous.NAME, "until", "customers")));

        JsonNode result = toolResult(book("tc-parallel-known"));

        assertThat(result.get("appointment_id").asInt()).isEqualTo(41);
        assertThat(result.has("already_booked")).as(result.toString()).isFalse();
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57")));
        calendar.verify(0, postRequestedFor(urlPathEqualTo(API + "/customers")));
    }

    @Test
    void theLookupsLogLinesOnTheirOwnThreadsNameTheCall() throws Exception {
        String log;
        try (LogCapture capture = LogCapture.atLevel(Level.DEBUG)) {
            toolResult(book("tc-parallel-log"));
            log = capture.text();
        }

        String answered = lineWith(log, "tool_call function=book_appointment");
        for (String operation : List.of("customers", "availabilities")) {
            String lookup = lineWith(log, "calendar_request operation=" + operation);
            assertThat(lookup).as("the %s lookup's line names the call", operation)
                    .contains("correlation_id=019aa9bb-test-call").contains("tool_call_id=tc-parallel-log");
            assertThat(thread(lookup)).as("the %s lookup ran beside the request's thread", operation)
                    .isNotEqualTo(thread(answered));
        }
    }

    // --- the answers the caller heard when the lookups ran one after the other -------------------------

    @Test
    void theDaysTimesFailingWhileTheSearchSucceedsIsTheUsualAnswerAndNothingIsCreated() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(failure("SQLSTATE[HY000]: General error")));

        assertThat(toolError(book("tc-times-fail"))).isEqualTo(UNREACHABLE);
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/customers")));
        calendar.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void theSearchFailingWhileTheDaysTimesSucceedIsTheUsualAnswerAndNothingIsCreated() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(unauthorized()));

        assertThat(toolError(book("tc-search-fail"))).isEqualTo(UNREACHABLE);
        calendar.verify(getRequestedFor(urlPathEqualTo(API + "/availabilities")));
        calendar.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void bothFailingIsTheUsualAnswerAndNothingIsCreated() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(unauthorized()));
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(failure("SQLSTATE[HY000]: General error")));

        assertThat(toolError(book("tc-both-fail"))).isEqualTo(UNREACHABLE);
        calendar.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void theCallersExistingAppointmentWinsWhateverTheDaysTimesSay() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[" + customer() + "]")));
        calendar.stubFor(get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", equalTo("57"))
                .willReturn(ok("[" + appointment(41) + "]")));
        // their own booking holds the slot, so the calendar no longer offers it
        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(ok("[\"09:30\",\"10:30\"]")));

        JsonNode notOffered = toolResult(book("tc-replay-taken"));

        calendar.stubFor(get(urlPathEqualTo(API + "/availabilities")).willReturn(failure("SQLSTATE[HY000]: General error")));
        JsonNode unreadable = toolResult(book("tc-replay-failing"));

        for (JsonNode result : List.of(notOffered, unreadable)) {
            assertThat(result.get("appointment_id").asInt()).isEqualTo(41);
            assertThat(result.get("already_booked").asBoolean()).isTrue();
        }
        calendar.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aTimeNotOfferedStillGetsTheNearestFreeTimes() throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/customers")).willReturn(ok("[" + customer() + "]")));

        assertThat(toolError(book("tc-not-offered", "12:00"))).isEqualTo(
                "That time isn't free. The nearest free times that day are 09:30, 10:00 and 10:30. Would one of those suit you?");
        calendar.verify(0, postRequestedFor(anyUrl()));
    }

    // --- the budget and the breaker hold on the lookup threads -------------------------------------------

    @ParameterizedTest(name = "the {0} lookup held")
    @ValueSource(strings = {"availabilities", "customers"})
    void theCallersBudgetCutsOffALookupOnItsThread(String lookup) throws Exception {
        calendar.stubFor(get(urlPathEqualTo(API + "/" + lookup))
                .willReturn(ok("[]").withTransformer(Rendezvous.NAME, "until", Rendezvous.RELEASED)));
        HttpResponse<String> answer;
        try {
            // held past the 3 s budget and released only once the caller has had an answer: only the budget
            // (not the 30 s read timeout, nor the calendar) can have ended that read
            answer = book("tc-budget-" + lookup);
        } finally {
            rendezvous.release();
        }

        assertThat(toolError(answer)).isEqualTo(CalendarSlowException.SENTENCE);
        calendar.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void anOpenBreakerStopsBothLookupsBeforeTheyLeave() throws Exception {
        calendarBreaker.transitionToOpenState();

        assertThat(toolError(book("tc-breaker-open"))).isEqualTo(UNREACHABLE);
        calendar.verify(0, anyRequestedFor(anyUrl()));
    }

    private HttpResponse<String> book(String toolCallId) {
        return book(toolCallId, "10:00");
    }

    private HttpResponse<String> book(String toolCallId, String time) {
        return webhook(VapiPayloads.toolCall(toolCallId, "book_appointment", "{\"date\":\"" + day + "\",\"time\":\"" + time
                + "\",\"first_name\":\"Zoë\",\"last_name\":\"Ng\",\"email\":\"zoe@example.com\",\"phone\":\"07123 456789\"}"));
    }

    private static String lineWith(String log, String text) {
        return log.lines().filter(line -> line.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + text + " in\n" + log));
    }

    private static String thread(String line) {
        Matcher thread = Pattern.compile(" \\[([^\\]]+)\\] ").matcher(line);
        assertThat(thread.find()).as(line).isTrue();
        return thread.group(1);
    }

    private static String customer() {
        return EasyAppointmentsStubs.customer(57, "zoe@example.com", "+447123456789");
    }

    private String appointment(int id) {
        return EasyAppointmentsStubs.appointment(id, day + " 10:00:00", day + " 10:30:00", 57, null);
    }

    /**
     * Answers a request only once another has arrived at the calendar ("until": "customers",
     * "availabilities") or the test has released it ("released"); after 25 s, longer than any caller waits,
     * it gives up with a 500. Two lookups that each wait for the other, made one after the other, could never
     * both be answered: the first would wait for a request that never comes.
     */
    static final class Rendezvous implements ResponseDefinitionTransformerV2 {

        static final String NAME = "rendezvous";
        static final String RELEASED = "released";

        private final Map<String, CountDownLatch> arrivals = new ConcurrentHashMap<>();

        void reset() {
            arrivals.clear();
        }

        boolean arrived(String what) {
            return arrival(what).getCount() == 0;
        }

        void release() {
            arrival(RELEASED).countDown();
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String path = event.getRequest().getUrl().replaceFirst("\\?.*", "");
            arrival(path.substring(path.lastIndexOf('/') + 1)).countDown();
            return awaited(arrival(event.getTransformerParameters().getString("until")))
                    ? event.getResponseDefinition()
                    : failure("what this request waited for never came").build();
        }

        private CountDownLatch arrival(String what) {
            return arrivals.computeIfAbsent(what, key -> new CountDownLatch(1));
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }
    }

    private static boolean awaited(CountDownLatch latch) {
        try {
            return latch.await(25, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
